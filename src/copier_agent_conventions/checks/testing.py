"""Tests: pytest with a coverage floor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from copier_agent_conventions import standards
from copier_agent_conventions.checks.base import (
    Convention,
    Outcome,
    listed,
    tool_table,
)

if TYPE_CHECKING:
    from copier_agent_conventions.repository import Repository


class Tests(Convention):
    """The test suite."""

    family = "copier-agent.tests"


class CAT001(Tests):
    """pytest measures coverage and fails below the floor"""

    def review(self, repo: Repository) -> Outcome:
        floor = standards.COVERAGE_FLOOR
        fix = (
            f'**Fix:** `addopts = ["--cov"]` in `[tool.pytest.ini_options]` and '
            f"`fail_under = {floor}` in `[tool.coverage.report]`."
        )
        pytest = tool_table(repo, "pytest")
        options = pytest.get("ini_options", pytest)
        if not options:
            return f"No pytest configuration in pyproject.toml. {fix}"
        addopts = listed(options.get("addopts", []))
        if not any(option == "--cov" or option.startswith("--cov=") for option in addopts):
            return f"pytest does not measure coverage (`--cov` is not in `addopts`). {fix}"
        limits = [
            option.partition("=")[2] for option in addopts if option.startswith("--cov-fail-under=")
        ]
        report = tool_table(repo, "coverage").get("report", {})
        limit = (
            limits[-1] if limits else report.get("fail_under") if isinstance(report, dict) else None
        )
        try:
            value = float(limit) if limit is not None else None
        except ValueError:
            value = None
        if value is None or value < floor:
            shown = "not set" if limit is None else limit
            return f"The coverage floor is {shown}, below {floor}. {fix}"
        return True
