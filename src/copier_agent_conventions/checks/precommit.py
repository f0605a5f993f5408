"""Pre-commit: ruff, mypy and a secret scanner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from copier_agent_conventions import files
from copier_agent_conventions.checks.base import (
    Convention,
    Outcome,
)

if TYPE_CHECKING:
    from copier_agent_conventions.repository import Repository

SECRET_SCANNERS = frozenset(
    {"detect-secrets", "ggshield", "gitleaks", "ripsecrets", "secretlint", "trufflehog"},
)


class PreCommit(Convention):
    """Hooks that run before each commit."""

    family = "copier-agent.pre-commit"


class CAH001(PreCommit):
    """pre-commit runs ruff, mypy and a secret scanner"""

    def review(self, repo: Repository) -> Outcome:
        fix = (
            "**Fix:** add the hooks (the template's `.pre-commit-config.yaml` has them: "
            "`ruff-check`, a local `uv run mypy`, `gitleaks`)."
        )
        if repo.precommit is None:
            return f"No `.pre-commit-config.yaml`. {fix}"
        hooks = files.precommit_hooks(repo.precommit)
        missing = []
        if not any(hook.id in {"ruff", "ruff-check"} for hook in hooks):
            missing.append("ruff")
        if not any(hook.id == "mypy" or "mypy" in hook.entry for hook in hooks):
            missing.append("mypy")
        if not any(hook.id in SECRET_SCANNERS for hook in hooks):
            missing.append(f"a secret scanner ({', '.join(sorted(SECRET_SCANNERS))})")
        if missing:
            return f"pre-commit does not run {', '.join(missing)}. {fix}"
        return True
