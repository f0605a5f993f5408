"""The container image: a non-root user, and a health check for services."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from copier_agent_conventions import files
from copier_agent_conventions.checks.base import (
    Convention,
    Outcome,
    Skip,
    answer,
    listed,
)
from copier_agent_conventions.repository import ANSWERS_FILE

if TYPE_CHECKING:
    from copier_agent_conventions.repository import Repository

WEB_FRAMEWORKS = frozenset(
    {"aiohttp", "django", "falcon", "fastapi", "flask", "gunicorn", "litestar", "quart"}
    | {"sanic", "starlette", "uvicorn"},
)


class Container(Convention):
    """The container image (where there is a Dockerfile)."""

    family = "copier-agent.container"
    python_only = False


class CAI001(Container):
    """The container image runs as a non-root user"""

    def review(self, repo: Repository) -> Outcome:
        if repo.dockerfile is None:
            return Skip("there is no Dockerfile")
        if files.runs_as_root(files.final_stage(repo.dockerfile)):
            return (
                "The image's last stage runs as root. **Fix:** create an unprivileged user "
                "with a fixed id and switch to it: `USER 10001:10001`."
            )
        return True


def _web_service(repo: Repository) -> str | None:
    """Why the project is not a web service, or ``None`` when it is one."""
    interface = answer(repo, "interface")
    if interface is not None:
        return None if interface == "web" else f"`interface: {interface}` in {ANSWERS_FILE}"
    names = {
        re.split(r"[^A-Za-z0-9_.-]", requirement, maxsplit=1)[0].lower()
        for requirement in listed(repo.pyproject.get("project", {}).get("dependencies", []))
    }
    if names & WEB_FRAMEWORKS:
        return None
    stage = files.final_stage(repo.dockerfile or "")
    if any(keyword == "EXPOSE" for keyword, _ in stage):
        return None
    return "no web framework among the dependencies and no EXPOSE in the Dockerfile"


class CAI002(Container):
    """A web service's container image has a HEALTHCHECK"""

    def review(self, repo: Repository) -> Outcome:
        if repo.dockerfile is None:
            return Skip("there is no Dockerfile")
        not_web = _web_service(repo)
        if not_web:
            return Skip(f"not a web service ({not_web})")
        checks = [
            arguments
            for keyword, arguments in files.final_stage(repo.dockerfile)
            if keyword == "HEALTHCHECK"
        ]
        if not checks or checks[-1].upper().startswith("NONE"):
            return (
                "The image has no HEALTHCHECK, so a container whose service hangs still counts "
                "as healthy. **Fix:** `HEALTHCHECK CMD` a request to the liveness endpoint "
                "(`/healthz`)."
            )
        return True
