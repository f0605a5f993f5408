"""Secrets and settings: .env kept out of git, prefixed settings, typed secrets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from copier_agent_conventions import files
from copier_agent_conventions.checks.base import (
    Convention,
    Outcome,
    Skip,
)

if TYPE_CHECKING:
    from copier_agent_conventions.repository import Repository

# A settings field whose last word is one of these holds a secret (`llm_api_key`,
# `service_api_keys`, `github_token`), unlike `max_output_tokens` or `redis_key_prefix`.
SECRET_WORDS = frozenset(
    {"key", "keys", "token", "secret", "secrets", "password", "passwd", "credentials"},
)


class Secrets(Convention):
    """Secrets and settings."""

    family = "copier-agent.secrets"


class CAS001(Secrets):
    """.env is git-ignored and .env.example documents the settings"""

    python_only = False

    def review(self, repo: Repository) -> Outcome:
        gitignore = repo.gitignore or ""
        problems = []
        if not files.ignored(gitignore, ".env"):
            problems.append("`.gitignore` does not ignore `.env`, so secrets can be committed")
        if not repo.has_env_example:
            problems.append("there is no `.env.example`")
        elif files.ignored(gitignore, ".env.example"):
            problems.append("`.gitignore` ignores `.env.example` too")
        if problems:
            return (
                f"{'; '.join(problems).capitalize()}. **Fix:** `.env`, `.env.*` and "
                "`!.env.example` in `.gitignore`, and a `.env.example` with every setting."
            )
        return True


def _holds_secret(field: str) -> bool:
    return field.lower().rsplit("_", 1)[-1] in SECRET_WORDS


class CAS002(Secrets):
    """Settings are read with an env prefix and secrets are typed as secrets"""

    def review(self, repo: Repository) -> Outcome:
        if not repo.settings:
            return Skip("no pydantic-settings `BaseSettings` class under src/")
        problems = []
        for settings in repo.settings:
            where = f"`{settings.name}` ({settings.path})"
            if settings.env_prefix in {None, "''", '""'}:
                problems.append(f"{where} reads variables without an `env_prefix`")
            problems += [
                f"{where}: `{name}: {annotation}` is not a `SecretStr`"
                for name, annotation in settings.fields.items()
                if _holds_secret(name) and "Secret" not in annotation
            ]
        if problems:
            return (
                f"{'; '.join(problems)}. **Fix:** `env_prefix` in `model_config`, so that "
                "the project's variables cannot collide with others'; `SecretStr` for keys, "
                "tokens and passwords, so that they never show in logs or reprs."
            )
        return True
