"""A temporary clone of this template with its releases tagged, as copier sees a published one.

Tags do not travel with this repository (``releases.toml`` records the releases instead), and
the tests must see uncommitted work as pytest-copie does. So the clone gets every recorded
release tagged by ``scripts/releases.py``, and a last commit that holds this checkout's working
tree (committed or not), tagged with a version above every release and every migration: copier
then updates from any release to the work in progress and runs the migrations it would run.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml
from conftest import QUESTIONS, TEMPLATE
from copier import run_copy

from scripts import releases

if TYPE_CHECKING:
    from pathlib import Path

IDENTITY = ("-c", "user.name=Test", "-c", "user.email=test@example.com")


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd``; its output, or an assertion error with its message."""
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"git {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result.stdout


def commit_all(repo: Path, message: str) -> None:
    """Commit everything in ``repo`` (also when nothing changed)."""
    git(repo, "add", "--all")
    git(repo, *IDENTITY, "commit", "--quiet", "--allow-empty", "--message", message)


def migration_versions(questions: dict[str, Any] = QUESTIONS) -> list[str]:
    """The versions that copier.yml's migrations are declared for."""
    return [
        str(entry["version"]) for entry in questions.get("_migrations", []) if "version" in entry
    ]


@dataclass(frozen=True)
class TaggedTemplate:
    """The clone, its recorded releases, and the tag of the work in progress."""

    path: Path
    releases: list[releases.Release]
    head: str

    def render(
        self,
        destination: Path,
        tag: str,
        data: dict[str, Any],
        *,
        tasks: bool = False,
    ) -> Path:
        """Render the release ``tag`` with ``data`` (and defaults); tasks (``uv lock``) if asked."""
        run_copy(
            str(self.path),
            destination,
            data=data,
            vcs_ref=tag,
            defaults=True,
            unsafe=True,
            skip_tasks=not tasks,
            quiet=True,
        )
        return destination

    def answers_of(self, project: Path) -> dict[str, Any]:
        """A project's ``.copier-answers.yml``."""
        text = (project / ".copier-answers.yml").read_text(encoding="utf-8")
        answers: dict[str, Any] = yaml.safe_load(text)
        return answers


def tagged_clone(destination: Path) -> TaggedTemplate:
    """Clone this checkout to ``destination``, tag its releases and its working tree."""
    git(destination.parent, "clone", "--quiet", str(TEMPLATE), destination.name)
    # The working tree as the clone's next commit: git reads the files (and the .gitignore
    # rules) of this checkout, and records them in the clone, deletions included.
    git(destination, f"--work-tree={TEMPLATE}", "add", "--all")
    git(
        destination,
        *IDENTITY,
        "commit",
        "--quiet",
        "--allow-empty",
        "--message",
        "Work in progress",
    )
    git(destination, "reset", "--quiet", "--hard")
    recorded = releases.load(destination / "releases.toml")
    releases.check(recorded, destination)
    releases.tag(recorded, destination)
    head = "v" + releases.next_version(recorded, at_least=migration_versions())
    git(destination, "tag", head)
    return TaggedTemplate(destination, recorded, head)
