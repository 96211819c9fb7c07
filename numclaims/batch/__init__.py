"""Batch pipelines: documents in, flat typed rows out, on one machine or a cluster.

The functions in :mod:`numclaims.batch.records` are pure and picklable; the CLI's process pool,
:mod:`numclaims.dask` and :mod:`numclaims.spark` all run those same functions, so a document gives
the same rows whichever engine processed it.
"""
