"""Extract every paragraph of a text file with the numclaims of a given source tree, to time one
checkout against another as whole processes:

    cat tests/stories/*/*.txt > /tmp/corpus.txt
    git worktree add /tmp/base <commit>
    farm-bench -n 5 --vs ".venv/bin/python benchmarks/extract_tree.py /tmp/base /tmp/corpus.txt" \
        -- .venv/bin/python benchmarks/extract_tree.py . /tmp/corpus.txt

The editable install's import hook is set aside, so that the tree given is the one imported.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(root: str, path: str) -> None:
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__module__.lower()]
    sys.path.insert(0, str(Path(root).resolve()))
    import numclaims

    if not Path(numclaims.__file__).resolve().is_relative_to(Path(root).resolve()):
        raise SystemExit(f"imported {numclaims.__file__}, not the tree {root}")
    text = Path(path).read_text("utf-8")
    found = sum(len(numclaims.extract(part, published="2024-02-22")) for part in text.split("\n\n"))
    print(found, len(text))


if __name__ == "__main__":
    main(*sys.argv[1:3])
