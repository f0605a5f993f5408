"""Migration: the template moved a file; carry the project's edits of it to the new place.

Usage (after the update, copier's default stage)::

    carry_edits.py OLD NEW

A release that moves a file (0.2.0 turned ``cli.py`` into the ``cli/`` package) would otherwise
lose the owners' edits without a word: copier deletes OLD, which the new release no longer
renders, and renders NEW from scratch. This compares the project's OLD, from the commit the
update started from, with OLD as the previous release rendered it. If the owners changed it,
their changes are merged into NEW the way copier merges any file (``git merge-file``): where
they meet the template's own changes, NEW holds both between copier's conflict markers.
"""

from __future__ import annotations

import sys
from pathlib import Path

import previous_release


def carry(old: str, new: str) -> int:
    """Merge the project's edits of ``old`` into ``new``; the exit status for copier."""
    ours = previous_release.committed(old)
    if ours is None:
        return 0  # the project had no such file: nothing of the owners' to carry
    with previous_release.rendered() as previous:
        base_path = previous / old
        base = base_path.read_text(encoding="utf-8") if base_path.exists() else None
    if base is None:
        # The previous release did not render it: the file is the owners' own and copier left
        # it alone, but the new release puts a package or module in its place.
        print(f"{old}: yours, not the template's; {new} now takes its place: merge them by hand.")
        return 0
    if ours == base:
        return 0  # unedited: the template's new file replaces it as it is
    target = Path(new)
    if not target.exists():
        Path(old).write_text(ours, encoding="utf-8")
        print(
            f"error: the template moved {old} to {new}, which this project does not have; "
            f"{old} is back as you had it: move your changes by hand.",
            file=sys.stderr,
        )
        return 1
    merged, conflicts = previous_release.merge(ours, base, target.read_text(encoding="utf-8"))
    target.write_text(merged, encoding="utf-8")
    if conflicts:
        print(f"{old} is now {new}: your edits are in it, {conflicts} conflict(s) to resolve.")
    else:
        print(f"{old} is now {new}: your edits were carried over.")
    return 0


def main(argv: list[str]) -> int:
    """``carry_edits.py OLD NEW``, paths relative to the project."""
    if len(argv) != 2:  # noqa: PLR2004 - OLD and NEW
        print(__doc__, file=sys.stderr)
        return 2
    return carry(*argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
