"""Migration (0.2.0): move the project's own requirements below the template's.

Up to 0.1.0 the template rendered sorted requirement lists, so ``uv add`` slotted the owners'
packages between the template's lines, where any template bump conflicted with them. Since
0.2.0 the template's lines come first, in an order uv does not keep sorted, so that ``uv add``
appends below them. Moving to that layout would conflict once more, so:

* before the update, the owners' lines leave ``pyproject.toml`` in the index, which is what copier
  compares with the previous release: it then applies the new layout cleanly;
* after the update, they go back, at the end of their list, below the template's comment.

Only single-line entries are moved (``uv add`` writes nothing else); anything else is left for
copier's three-way merge.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from typing import Any

import previous_release

PYPROJECT = "pyproject.toml"
# The lists the template renders, as (table, key).
LISTS = (("project", "dependencies"), ("dependency-groups", "dev"))
ENTRY = re.compile(r'\s*"(?P<requirement>[^"\\]+)",?\s*(?:#.*)?')


def _entries(document: dict[str, Any], table: str, key: str) -> list[str]:
    entries = document.get(table, {}).get(key, [])
    return [entry for entry in entries if isinstance(entry, str)]


def list_span(lines: list[str], table: str, key: str) -> tuple[int, int] | None:
    """The lines of ``key = [`` in ``[table]`` and of its closing ``]``, if written that way."""
    in_table = False
    for start, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]") and "=" not in stripped:
            in_table = stripped == f"[{table}]"
        elif in_table and re.fullmatch(rf"{re.escape(key)}\s*=\s*\[", stripped):
            for end in range(start + 1, len(lines)):
                if lines[end].strip() == "]":
                    return start, end
            return None
    return None


def owners_lines(project: str, previous: str) -> dict[tuple[str, str], list[str]]:
    """The lines of each list that the project added to what the previous release rendered."""
    ours, theirs = tomllib.loads(project), tomllib.loads(previous)
    lines = project.splitlines(keepends=True)
    found: dict[tuple[str, str], list[str]] = {}
    for table, key in LISTS:
        added = set(_entries(ours, table, key)) - set(_entries(theirs, table, key))
        span = list_span(lines, table, key)
        if not added or span is None:
            continue
        found[table, key] = [
            line
            for line in lines[span[0] + 1 : span[1]]
            if (match := ENTRY.fullmatch(line.rstrip("\n"))) and match["requirement"] in added
        ]
    return found


def before(path: Path, moved: dict[tuple[str, str], list[str]]) -> None:
    """Take the owners' lines out, in the file and in the index that copier compares with."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for (table, key), owned in moved.items():
        if span := list_span(lines, table, key):
            start, end = span
            lines[start + 1 : end] = [line for line in lines[start + 1 : end] if line not in owned]
    path.write_text("".join(lines), encoding="utf-8")
    previous_release.git("add", "--", str(path))


def after(path: Path, moved: dict[tuple[str, str], list[str]]) -> list[str]:
    """Put the owners' lines back at the end of their lists; the requirements put back."""
    previous_release.git("reset", "--quiet", "--", str(path))  # the index as the owners left it
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    restored = []
    for (table, key), owned in moved.items():
        if not (span := list_span(lines, table, key)):
            # The update left no `key = [` ... `]` block to put them in: say what to restore.
            print(f"warning: add back to [{table}] {key}: {', '.join(map(str.strip, owned))}")
            continue
        start, end = span
        missing = [line for line in owned if line not in lines[start:end]]
        lines[end:end] = missing
        restored += [match["requirement"] for line in missing if (match := ENTRY.match(line))]
    path.write_text("".join(lines), encoding="utf-8")
    return restored


def main() -> int:
    """Run the stage copier is at; the exit status for copier."""
    project = previous_release.committed(PYPROJECT)
    path = Path(PYPROJECT)
    if project is None or not path.exists():
        return 0
    with previous_release.rendered() as previous:
        previous_text = (previous / PYPROJECT).read_text(encoding="utf-8")
    moved = owners_lines(project, previous_text)
    if not moved:
        return 0
    if previous_release.stage() == "before":
        before(path, moved)
    elif restored := after(path, moved):
        print(f"pyproject.toml: your requirements now follow the template's: {', '.join(restored)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
