"""Migration: a question was renamed (or one of its choices was); keep the project's answer.

Usage (before the update)::

    rename_question.py OLD NEW [--value OLD_CHOICE=NEW_CHOICE ...] [--answers-file PATH]

Copier renders the previous release with the recorded answers, runs the ``before`` migrations,
and only then reads the answers file again for the new release. Renaming the key there (and any
renamed choice) lets the new release find the project's answer under its new name, instead of
asking the question again or silently taking its default. Run it before the update only: after
it the answers file has been written by the new release.

The file is edited line by line, so its comments and layout stay as copier wrote them.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import previous_release


def rename(text: str, old: str, new: str, values: dict[str, str]) -> str:
    """``text`` (an answers file) with the top-level key ``old`` renamed, values mapped."""
    key = re.compile(rf"^{re.escape(old)}:(?P<rest>.*)$", re.MULTILINE)
    if re.search(rf"^{re.escape(new)}:", text, re.MULTILINE):
        return text  # already renamed: running twice changes nothing

    def renamed(match: re.Match[str]) -> str:
        value = match["rest"].strip()
        return f"{new}: {values.get(value, value)}".rstrip()

    return key.sub(renamed, text, count=1)


def main(argv: list[str]) -> int:
    """Rename the answer in the project's answers file; the exit status for copier."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--value", action="append", default=[], metavar="OLD_CHOICE=NEW_CHOICE")
    parser.add_argument("--answers-file", type=Path, default=Path(previous_release.ANSWERS_FILE))
    arguments = parser.parse_args(argv)
    if previous_release.stage() != "before":
        print(f"error: rename {arguments.old} before the update (when: _stage == 'before')")
        return 1
    values = dict(pair.split("=", 1) for pair in arguments.value)
    path: Path = arguments.answers_file
    text = path.read_text(encoding="utf-8")
    updated = rename(text, arguments.old, arguments.new, values)
    if updated != text:
        path.write_text(updated, encoding="utf-8")
        print(f"{path}: the answer to {arguments.old!r} is now the answer to {arguments.new!r}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
