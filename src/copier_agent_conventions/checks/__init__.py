"""The conventions, one small class each, in repo-review's check model.

Each class's docstring is its one-line description; ``review()`` answers ``True`` (passes), a
Markdown message that ends with how to fix it (fails), or ``Skip(reason)`` where the check does
not apply or cannot tell. repo-review shows a skip without a reason, so the families
(``families.py``) list the reasons. docs/conventions.md documents every check under its id.
One module per family; ``base`` holds what they share.
"""

from __future__ import annotations

from copier_agent_conventions.checks.base import Convention, Outcome, Skip
from copier_agent_conventions.checks.ci import Ci
from copier_agent_conventions.checks.container import Container
from copier_agent_conventions.checks.dependencies import Dependencies
from copier_agent_conventions.checks.lint import Lint
from copier_agent_conventions.checks.precommit import PreCommit
from copier_agent_conventions.checks.project import Project
from copier_agent_conventions.checks.settings import Secrets
from copier_agent_conventions.checks.template import Template
from copier_agent_conventions.checks.testing import Tests
from copier_agent_conventions.links import docs_url

__all__ = ["FAMILIES", "Convention", "Outcome", "Skip", "all_checks", "repo_review_checks"]

# In the order the report shows them.
FAMILIES: tuple[type[Convention], ...] = (
    Project,
    Lint,
    Tests,
    Dependencies,
    Ci,
    PreCommit,
    Container,
    Secrets,
    Template,
)


def all_checks() -> dict[str, Convention]:
    """Every check by its id, each linked to its documentation."""
    return {
        check.__name__: check(docs_url(check.__name__))
        for family in FAMILIES
        for check in family.__subclasses__()
    }


def repo_review_checks() -> dict[str, Convention]:
    """repo-review's entry point (``repo_review.checks``)."""
    return all_checks()
