"""The template's releases: PEP 440 tags of the repository a project was generated from."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass

from packaging.version import InvalidVersion, Version

from copier_agent_conventions.standards import GIT_SHORTHANDS

OFFLINE_ENV = "COPIER_AGENT_OFFLINE"
LIST_TIMEOUT = 20


@dataclass(frozen=True)
class Releases:
    """Released versions, newest last; or why they could not be listed."""

    versions: tuple[Version, ...] = ()
    unavailable: str | None = None

    @property
    def newest(self) -> Version | None:
        """The newest release, if any."""
        return self.versions[-1] if self.versions else None


def git_url(source: str) -> str:
    """``gh:org/repo`` -> ``https://github.com/org/repo.git``; other sources as they are."""
    for prefix, base in GIT_SHORTHANDS.items():
        if source.startswith(prefix):
            return f"{base}{source.removeprefix(prefix).removesuffix('.git')}.git"
    return source


def parse_release(ref: str) -> Version | None:
    """The release a ref names: ``v1.2.0`` and ``v1.2.0-3-gabc1234`` (after it) -> 1.2.0."""
    match = re.fullmatch(r"(?P<tag>.+?)(-\d+-g[0-9a-f]+)?", ref.strip())
    if match is None:
        return None
    try:
        return Version(match["tag"])
    except InvalidVersion:
        return None


def list_releases(source: str | None, *, offline: bool = False) -> Releases:
    """Every PEP 440 release tag of ``source`` (pre-releases left out), with ``git ls-remote``."""
    if source is None:
        return Releases(unavailable="the answers do not record the template's source")
    if offline:
        return Releases(unavailable=f"{OFFLINE_ENV} is set, so the releases were not listed")
    git = shutil.which("git")
    if git is None:
        return Releases(unavailable="git is not installed here, so the releases were not listed")
    try:
        result = subprocess.run(  # noqa: S603 - git, found on PATH, with fixed arguments
            [git, "ls-remote", "--tags", "--refs", git_url(source)],
            capture_output=True,
            text=True,
            check=False,
            timeout=LIST_TIMEOUT,
            # Never wait for a password: an unreachable or private source is reported instead.
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
    except subprocess.TimeoutExpired:
        return Releases(unavailable=f"listing the releases of {source} timed out (offline?)")
    if result.returncode:
        reason = (result.stderr.strip().splitlines() or ["no message"])[-1]
        return Releases(unavailable=f"the releases of {source} could not be listed: {reason}")
    versions = []
    for line in result.stdout.splitlines():
        version = parse_release(line.rpartition("refs/tags/")[2])
        if version is not None and not version.is_prerelease:
            versions.append(version)
    return Releases(tuple(sorted(versions)))
