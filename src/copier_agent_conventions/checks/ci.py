"""Continuous integration: lint, types and tests."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from copier_agent_conventions.checks.base import (
    Convention,
    Outcome,
    Skip,
    answer,
    ci_commands,
    has_ci,
)
from copier_agent_conventions.repository import ANSWERS_FILE

if TYPE_CHECKING:
    from copier_agent_conventions.repository import Repository


class Ci(Convention):
    """Continuous integration."""

    family = "copier-agent.ci"


class CAC001(Ci):
    """CI runs lint, type checks and tests"""

    def review(self, repo: Repository) -> Outcome:
        if not has_ci(repo):
            if answer(repo, "ci") == "none":
                return Skip(f"the project chose no CI (`ci: none` in {ANSWERS_FILE})")
            return (
                "No CI configuration (`.github/workflows/*.yml` or `.gitlab-ci.yml`). "
                "**Fix:** add a pipeline that runs `ruff check`, `mypy` and `pytest`."
            )
        commands = ci_commands(repo)
        # A tool run, not a package installed: `pytest` but not `pytest-cov`.
        wanted = {
            "lint (`ruff check`)": r"\bruff\s+check\b",
            "types (`mypy`)": r"\bmypy\b(?![-\w])",
            "tests (`pytest`)": r"\bpytest\b(?![-\w])",
        }
        missing = [
            label
            for label, pattern in wanted.items()
            if not any(re.search(pattern, command) for command in commands)
        ]
        if missing:
            return (
                f"The CI does not run {', '.join(missing)}. **Fix:** add the steps "
                "(`uv run ruff check .`, `uv run mypy`, `uv run pytest`)."
            )
        return True
