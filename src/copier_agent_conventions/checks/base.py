"""What every check shares: the base class, the skip, and small readers of the fixture."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from copier_agent_conventions import files
from copier_agent_conventions.repository import ANSWERS_FILE

if TYPE_CHECKING:
    from copier_agent_conventions.repository import Repository


@dataclass(frozen=True)
class Skip:
    """The check does not apply to this repository, or cannot tell; ``reason`` says which."""

    reason: str


Outcome = bool | str | Skip

NOT_PYTHON = Skip("not a Python project (no pyproject.toml with a [project] table)")
NOT_GENERATED = Skip(f"there is no {ANSWERS_FILE} (CAU001)")


class Convention:
    """Base of every check: the fixture it reads, and the skip for non-Python repositories."""

    family: ClassVar[str]
    requires: ClassVar[frozenset[str]] = frozenset()
    # Checks of Python tooling have nothing to say about a repository that is not Python.
    python_only: ClassVar[bool] = True

    def __init__(self, url: str = "") -> None:
        self.url = url

    def check(self, copier_agent: Repository) -> bool | str | None:
        """The check, as repo-review calls it: a failure's message says how to fix it."""
        outcome = self.outcome(copier_agent)
        return None if isinstance(outcome, Skip) else outcome

    def outcome(self, repo: Repository) -> Outcome:
        """``review()``, unless the repository is not one this check can judge."""
        if self.python_only and not repo.is_python:
            return NOT_PYTHON
        return self.review(repo)

    def review(self, repo: Repository) -> Outcome:
        """Judge ``repo``."""
        raise NotImplementedError


def answer(repo: Repository, question: str) -> object:
    """The recorded answer to ``question``, if the repository was generated."""
    return (repo.answers or {}).get(question)


def tool_table(repo: Repository, name: str) -> dict[str, Any]:
    """``[tool.<name>]`` of pyproject.toml (empty when absent)."""
    table = repo.pyproject.get("tool", {}).get(name, {})
    return table if isinstance(table, dict) else {}


def listed(value: object) -> list[str]:
    """A TOML/YAML list of strings, or a whitespace-separated string, as a list."""
    if isinstance(value, str):
        return value.split()
    return [str(item) for item in value] if isinstance(value, list) else []


def has_ci(repo: Repository) -> bool:
    """Whether the repository has a GitHub or GitLab CI configuration."""
    return bool(repo.workflows) or repo.gitlab_ci is not None


def ci_commands(repo: Repository) -> list[str]:
    """Every command the CI configuration runs."""
    return files.github_commands(repo.workflows) + files.gitlab_commands(repo.gitlab_ci or {})
