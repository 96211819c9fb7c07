"""The API's few entry points into numclaims, in one place.

The API layer never reaches below these (no pint, no FX tables): it calls the public
``extract`` and ``check`` and the HTML renderer that ``numclaims check --format html`` uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from numclaims import check, extract
# the one date rule: what extract() and check() take for ``published``, the API takes too
from numclaims.extraction.pipeline import parse_published  # noqa: F401
# the demo page's corpus: the sample that ``numclaims ... --sample`` uses
from numclaims.sample import SAMPLE_STORY, sample_documents  # noqa: F401



def extract_mentions(
    text: str, *, published: str | None, base_currency: str, currency_hint: str | None,
    outlet_country: str | None = None,
) -> list[dict[str, Any]]:
    """``numclaims.extract`` as JSON-ready dicts."""
    mentions = extract(
        text, published=published, base_currency=base_currency, currency_hint=currency_hint,
        outlet_country=outlet_country,
    )
    return [m.to_dict() for m in mentions]


def check_documents(
    documents: Sequence[dict[str, Any]], *, base_currency: str, tolerance: float | None = None
) -> Any:
    """``numclaims.check`` (returns the :class:`~numclaims.model.Report`)."""
    kwargs: dict[str, Any] = {"base_currency": base_currency}
    if tolerance is not None:
        kwargs["tolerance"] = tolerance
    return check(list(documents), **kwargs)


def render_html(report: Any, documents: Sequence[dict[str, Any]]) -> str:
    """The self-contained HTML report, as ``numclaims check --format html`` prints it."""
    from numclaims.checking.render import render_html as render

    return render(report, list(documents))


def supported_currencies() -> dict[str, tuple[Any, Any, str]]:
    from numclaims.normalise.fx import supported_currencies as currencies

    return currencies()


def prepare_story_document(document: dict[str, Any], *, base_currency: str) -> Any:
    """Extract one story document and make it ready for the story's claim index
    (:func:`numclaims.checking.story.prepare`): everything that can run before the store's lock."""
    from numclaims.checking.inputs import validate
    from numclaims.checking.story import prepare

    [doc] = validate([document])
    mentions = extract(
        doc.text, published=doc.published, base_currency=base_currency,
        currency_hint=doc.currency_hint,
    )
    return prepare(doc, mentions)


def report_from_findings(findings: dict[str, list[dict[str, Any]]]) -> Any:
    """A :class:`~numclaims.model.Report` of stored findings (as ``CheckItem.to_dict`` gave
    them), for the HTML renderer."""
    from numclaims.checking.story import check_item_from_dict
    from numclaims.model import Report

    return Report(*(tuple(check_item_from_dict(f) for f in findings.get(section, ()))
                    for section in ("inline", "groups", "dates")))
