"""The families the checks are grouped in, each with the reasons its skipped checks give.

repo-review shows a skipped check without a reason; a family's description is the place the
framework offers for what depends on the repository, so the reasons are listed there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from repo_review.families import Family

from copier_agent_conventions.checks import FAMILIES, Skip, all_checks

if TYPE_CHECKING:
    from copier_agent_conventions.repository import Repository

NAMES = {
    "copier-agent.project": "Conventions: Python project",
    "copier-agent.lint": "Conventions: lint, format and types",
    "copier-agent.tests": "Conventions: tests",
    "copier-agent.dependencies": "Conventions: dependencies",
    "copier-agent.ci": "Conventions: CI",
    "copier-agent.pre-commit": "Conventions: pre-commit",
    "copier-agent.container": "Conventions: container image",
    "copier-agent.secrets": "Conventions: secrets and settings",
    "copier-agent.template": "Conventions: template",
}
# After sp-repo-review's families (which use orders up to 0) when both plugins are installed.
FIRST_ORDER = 100


def skip_reasons(repo: Repository) -> dict[str, list[str]]:
    """``- CODE skipped: reason`` lines by family, for the checks that skip on ``repo``."""
    reasons: dict[str, list[str]] = {}
    for code, check in all_checks().items():
        outcome = check.outcome(repo)
        if isinstance(outcome, Skip):
            reasons.setdefault(check.family, []).append(f"- {code} skipped: {outcome.reason}")
    return reasons


def repo_review_families(copier_agent: Repository) -> dict[str, Family]:
    """repo-review's entry point (``repo_review.families``)."""
    reasons = skip_reasons(copier_agent)
    families = {}
    for order, family in enumerate(FAMILIES, start=FIRST_ORDER):
        key = family.family
        families[key] = Family(
            name=NAMES[key],
            order=order,
            description="\n".join(reasons.get(key, [])),
        )
    return families
