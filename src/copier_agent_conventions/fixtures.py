"""The fixture the checks read (``repo_review.fixtures``: ``copier_agent``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from copier_agent_conventions.repository import Repository, load

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def copier_agent(root: Traversable) -> Repository:
    """The repository as the checks see it (named after the plugin: fixtures share one space)."""
    return load(root)
