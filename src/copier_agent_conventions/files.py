"""Small readers for the files the checks look into: CI, pre-commit, Dockerfile, .gitignore."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from typing import Any


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def github_commands(workflows: dict[str, Any]) -> list[str]:
    """Every ``run:`` of every step of every job in the workflows."""
    commands = []
    for workflow in workflows.values():
        jobs = workflow.get("jobs") if isinstance(workflow, dict) else None
        for job in (jobs or {}).values():
            steps = job.get("steps") if isinstance(job, dict) else None
            for step in steps or []:
                if isinstance(step, dict):
                    commands += _strings(step.get("run"))
    return commands


def gitlab_commands(pipeline: dict[str, Any]) -> list[str]:
    """Every script line of every job (hidden ``.template`` jobs included) in ``.gitlab-ci.yml``."""
    commands = []
    for job in pipeline.values():
        if isinstance(job, dict):
            for key in ("before_script", "script", "after_script"):
                commands += _strings(job.get(key))
    return commands


@dataclass(frozen=True)
class Hook:
    """One pre-commit hook: the repository it comes from, its id and (local hooks) entry."""

    repo: str
    id: str
    entry: str = ""


def precommit_hooks(config: dict[str, Any]) -> list[Hook]:
    """The hooks ``.pre-commit-config.yaml`` runs."""
    hooks = []
    for repo in config.get("repos") or []:
        if not isinstance(repo, dict):
            continue
        hooks += [
            Hook(str(repo.get("repo", "")), str(hook.get("id", "")), str(hook.get("entry", "")))
            for hook in repo.get("hooks") or []
            if isinstance(hook, dict)
        ]
    return hooks


def final_stage(dockerfile: str) -> list[tuple[str, str]]:
    """``(INSTRUCTION, arguments)`` of the image's last stage, continuation lines joined."""
    joined = re.sub(r"\\\s*\n", " ", dockerfile)
    instructions = []
    for raw in joined.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, arguments = line.partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
    starts = [index for index, (keyword, _) in enumerate(instructions) if keyword == "FROM"]
    return instructions[starts[-1] :] if starts else instructions


def runs_as_root(stage: list[tuple[str, str]]) -> bool:
    """Whether the stage's last ``USER`` is root (or there is none, which means root)."""
    users = [arguments for keyword, arguments in stage if keyword == "USER"]
    if not users:
        return True
    user = users[-1].split(":", 1)[0].strip()
    return user in {"root", "0"}


def ignored(gitignore: str, path: str) -> bool:
    """Whether ``.gitignore`` (at the repository root) ignores the file ``path`` at the root."""
    result = False
    for raw in gitignore.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = line.removeprefix("!").removeprefix("/").removeprefix("**/")
        if pattern.endswith("/"):
            continue  # a directory pattern; the paths asked about are files
        if fnmatch.fnmatchcase(path, pattern):
            result = not negated
    return result
