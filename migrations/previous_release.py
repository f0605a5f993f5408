"""What the migrations need to know about the release a project is being updated from.

Copier runs each migration in the project's directory, with the Python that runs copier (so
copier and PyYAML are importable), and passes ``$STAGE`` (``before`` or ``after``),
``$VERSION_FROM`` (the git description of the project's release, such as ``v0.1.0``) and
``$VERSION_PEP440_FROM``/``_TO``. Throughout the update the project's HEAD is the state before
it: copier refuses to update a dirty project and commits nothing. This module lives beside the
migrations, in the template's own tree, and is never rendered into projects.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from copier import run_copy

if TYPE_CHECKING:
    from collections.abc import Iterator

# The clone of the template that copier is updating to: this file is in its migrations/.
TEMPLATE = Path(__file__).resolve().parents[1]
ANSWERS_FILE = ".copier-answers.yml"
# The labels copier gives the two sides of a conflict it leaves inline.
OURS, BASE, THEIRS = "before updating", "last update", "after updating"


def stage() -> str:
    """``before`` or ``after`` the update is applied."""
    return os.environ.get("STAGE", "after")


def git(*args: str) -> subprocess.CompletedProcess[str]:
    """Run git in the project; the caller looks at the return code."""
    return subprocess.run(
        ["git", *args],  # noqa: S607 - git is on PATH wherever copier updates a project
        capture_output=True,
        text=True,
        check=False,
    )


def committed(path: str) -> str | None:
    """``path`` (relative to the project) as the project had it before the update."""
    result = git("show", f"HEAD:./{path}")
    return result.stdout if result.returncode == 0 else None


def committed_answers() -> dict[str, Any]:
    """The answers the project had before the update: those the previous release knows."""
    text = committed(ANSWERS_FILE)
    answers = yaml.safe_load(text) if text else None
    return answers if isinstance(answers, dict) else {}


@contextmanager
def rendered() -> Iterator[Path]:
    """The previous release, rendered with the project's answers and no tasks, to compare with.

    Copier renders exactly this in its own temporary copy to compute the owners' edits, but
    does not say where; rendering it again costs about a second.
    """
    answers = committed_answers()
    data = {key: value for key, value in answers.items() if not key.startswith("_")}
    version = os.environ.get("VERSION_FROM") or str(answers.get("_commit", "HEAD"))
    with tempfile.TemporaryDirectory(prefix="copier-agent-previous-") as directory:
        run_copy(
            str(TEMPLATE),
            directory,
            data=data,
            vcs_ref=version,
            defaults=True,
            overwrite=True,
            unsafe=True,
            skip_tasks=True,
            quiet=True,
        )
        yield Path(directory)


def merge(ours: str, base: str, theirs: str) -> tuple[str, int]:
    """Three-way merge as copier does it (``git merge-file``): the text and its conflict count."""
    with tempfile.TemporaryDirectory(prefix="copier-agent-merge-") as directory:
        paths = [Path(directory, name) for name in ("ours", "base", "theirs")]
        for path, text in zip(paths, (ours, base, theirs), strict=True):
            path.write_text(text, encoding="utf-8")
        labels = [argument for label in (OURS, BASE, THEIRS) for argument in ("-L", label)]
        result = git("merge-file", "-p", *labels, *map(str, paths))
    # The exit status is the number of conflicts (at most 127), or negative on an error.
    if not 0 <= result.returncode <= 127:  # noqa: PLR2004 - git's documented limit
        raise RuntimeError(f"git merge-file failed: {result.stderr.strip()}")
    return result.stdout, result.returncode
