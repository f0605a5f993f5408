"""Dependencies: the lock file and the tested version ranges."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from copier_agent_conventions import standards
from copier_agent_conventions.checks.base import (
    Convention,
    Outcome,
    Skip,
    listed,
)
from copier_agent_conventions.ranges import out_of_range

if TYPE_CHECKING:
    from copier_agent_conventions.repository import Repository


class Dependencies(Convention):
    """Dependency ranges and the lock file."""

    family = "copier-agent.dependencies"


class CAD001(Dependencies):
    """uv.lock exists and is in sync with pyproject.toml"""

    def review(self, repo: Repository) -> Outcome:
        fix = "**Fix:** `uv lock`, then commit uv.lock."
        if not repo.has_lock:
            return f"There is no uv.lock: installs are not reproducible. {fix}"
        result = repo.lock_check
        if result.skipped:
            return Skip(f"`uv lock --check` cannot run: {result.skipped}")
        if not result.in_sync:
            last = (result.output.splitlines() or ["uv lock --check failed"])[-1]
            return f"uv.lock does not match pyproject.toml (`uv lock --check`: {last}). {fix}"
        return True


def _requirements(pyproject: dict[str, Any]) -> list[str]:
    project = pyproject["project"]
    found = listed(project.get("dependencies", []))
    for extra in (project.get("optional-dependencies") or {}).values():
        found += listed(extra)
    for group in (pyproject.get("dependency-groups") or {}).values():
        # `{include-group = "..."}` entries are tables: the included group is listed itself.
        found += (
            [item for item in group if isinstance(item, str)] if isinstance(group, list) else []
        )
    return found


class CAD002(Dependencies):
    """Dependencies stay within the template's tested version ranges"""

    def review(self, repo: Repository) -> Outcome:
        problems = out_of_range(_requirements(repo.pyproject), standards.VERSIONS)
        if problems:
            return (
                f"Outside the tested ranges: {'; '.join(problems)}. **Fix:** use the template's "
                "range (a narrower one is fine); `copier update` brings newer tested ranges."
            )
        return True
