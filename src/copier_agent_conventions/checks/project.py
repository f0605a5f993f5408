"""The Python project: src layout, typing marker, Python floor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from copier_agent_conventions import standards
from copier_agent_conventions.checks.base import (
    Convention,
    Outcome,
)

if TYPE_CHECKING:
    from copier_agent_conventions.repository import Repository


class Project(Convention):
    """The Python project's shape."""

    family = "copier-agent.project"


class CAP001(Project):
    """Source in a src/ layout, each package marked typed with py.typed"""

    def review(self, repo: Repository) -> Outcome:
        if not repo.src_packages:
            return (
                "No import package under `src/` (a directory with an `__init__.py`). "
                "**Fix:** move the package to `src/<package>/`, so that tests run against the "
                "installed package rather than the working directory."
            )
        untyped = sorted(name for name, typed in repo.src_packages.items() if not typed)
        if untyped:
            paths = ", ".join(f"`src/{name}/py.typed`" for name in untyped)
            return (
                f"Missing {paths}: type checkers ignore the package's annotations for its users. "
                "**Fix:** add the empty marker file (PEP 561)."
            )
        return True


class CAP002(Project):
    """requires-python at or above the organisation's floor"""

    def review(self, repo: Repository) -> Outcome:
        floor = str((repo.preset or {}).get("python_version", standards.PYTHON_FLOOR))
        fix = f'**Fix:** `requires-python = ">={floor}"` in `[project]`.'
        text = repo.pyproject["project"].get("requires-python")
        if not isinstance(text, str):
            return f"`[project]` sets no `requires-python`. {fix}"
        try:
            specifiers = SpecifierSet(text)
        except InvalidSpecifier:
            return f"`requires-python = {text!r}` is not a valid specifier. {fix}"
        major, minor = (int(part) for part in floor.split(".")[:2])
        below = [f"{major}.{old}{patch}" for old in range(minor) for patch in ("", ".99")]
        allowed = sorted(
            {version.removesuffix(".99") for version in below if version in specifiers}
        )
        if allowed:
            return (
                f"`requires-python = {text!r}` allows Python {', '.join(allowed)}, below the "
                f"floor {floor}. {fix}"
            )
        return True
