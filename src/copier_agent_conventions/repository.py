"""What the checks look at: one snapshot of a repository, read once (the ``copier_agent`` fixture).

repo-review hands fixtures to every check and deep-copies them; a frozen dataclass compares by
value, so the copy stays equal to the original. The two answers that cost something (running
``uv lock --check``, listing the template's releases) are computed on first use and cached.
"""

from __future__ import annotations

import ast
import functools
import os
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from copier_agent_conventions.presets import Preset, load_preset
from copier_agent_conventions.releases import OFFLINE_ENV, Releases, list_releases

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

ANSWERS_FILE = ".copier-answers.yml"
PRESET_ENV = "COPIER_AGENT_PRESET"
LOCK_TIMEOUT = 120


@dataclass(frozen=True)
class SettingsClass:
    """A pydantic-settings class found in the project's source: what the checks need of it."""

    path: str
    name: str
    env_prefix: str | None
    # Annotation source by field name.
    fields: dict[str, str]


@dataclass(frozen=True)
class LockCheck:
    """The result of ``uv lock --check``: ``None`` as ``skipped`` means it ran."""

    in_sync: bool
    output: str = ""
    skipped: str | None = None


def _read_text(node: Traversable) -> str | None:
    return node.read_text(encoding="utf-8") if node.is_file() else None


def _read_yaml(node: Traversable) -> Any:  # noqa: ANN401 - YAML is whatever the file holds
    text = _read_text(node)
    if text is None:
        return None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        # An unreadable file is reported by the check that needs it, as absent content.
        return {}


def _read_toml(node: Traversable) -> dict[str, Any]:
    text = _read_text(node)
    if text is None:
        return {}
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return {}


def _workflows(root: Traversable) -> dict[str, Any]:
    folder = root.joinpath(".github", "workflows")
    if not folder.is_dir():
        return {}
    return {
        node.name: _read_yaml(node) or {}
        for node in sorted(folder.iterdir(), key=lambda node: node.name)
        if node.name.endswith((".yml", ".yaml"))
    }


def _src_packages(root: Traversable) -> dict[str, bool]:
    """Import packages under ``src/``, each with whether it ships a ``py.typed`` marker."""
    src = root.joinpath("src")
    if not src.is_dir():
        return {}
    return {
        node.name: node.joinpath("py.typed").is_file()
        for node in src.iterdir()
        if node.is_dir() and node.joinpath("__init__.py").is_file()
    }


def _python_files(node: Traversable) -> list[tuple[str, str]]:
    """``(relative path, source)`` of every Python file below ``node``."""
    found: list[tuple[str, str]] = []
    for child in sorted(node.iterdir(), key=lambda child: child.name):
        if child.is_dir():
            found += [(f"{child.name}/{path}", text) for path, text in _python_files(child)]
        elif child.name.endswith(".py"):
            found.append((child.name, child.read_text(encoding="utf-8")))
    return found


def _name(node: ast.expr) -> str:
    """The last name of ``BaseSettings`` or ``pydantic_settings.BaseSettings``."""
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _env_prefix(body: list[ast.stmt]) -> str | None:
    """The ``env_prefix`` a settings class configures (``model_config`` or a ``Config`` class)."""
    for statement in body:
        if isinstance(statement, ast.Assign | ast.AnnAssign) and isinstance(
            statement.value, ast.Call
        ):
            for keyword in statement.value.keywords:
                if keyword.arg == "env_prefix":
                    return ast.unparse(keyword.value)
        if isinstance(statement, ast.ClassDef) and statement.name == "Config":
            for inner in statement.body:
                if isinstance(inner, ast.Assign) and any(
                    isinstance(target, ast.Name) and target.id == "env_prefix"
                    for target in inner.targets
                ):
                    return ast.unparse(inner.value)
    return None


def _settings_classes(root: Traversable) -> list[SettingsClass]:
    src = root.joinpath("src")
    if not src.is_dir():
        return []
    found = []
    for path, text in _python_files(src):
        if "BaseSettings" not in text:
            continue
        try:
            module = ast.parse(text)
        except SyntaxError:
            continue
        for node in ast.walk(module):
            if isinstance(node, ast.ClassDef) and any(
                _name(base) == "BaseSettings" for base in node.bases
            ):
                fields = {
                    statement.target.id: ast.unparse(statement.annotation)
                    for statement in node.body
                    if isinstance(statement, ast.AnnAssign)
                    and isinstance(statement.target, ast.Name)
                    and statement.target.id != "model_config"
                }
                found.append(
                    SettingsClass(f"src/{path}", node.name, _env_prefix(node.body), fields)
                )
    return found


@dataclass(frozen=True)
class Repository:
    """A repository as the checks see it. Absent files are ``None`` (or empty)."""

    root: Traversable
    pyproject: dict[str, Any]
    answers: dict[str, Any] | None
    precommit: dict[str, Any] | None
    workflows: dict[str, Any]
    gitlab_ci: dict[str, Any] | None
    dockerfile: str | None
    gitignore: str | None
    has_env_example: bool
    has_lock: bool
    src_packages: dict[str, bool]
    settings: list[SettingsClass]
    preset: Preset | None
    preset_error: str | None = None
    mypy_ini: str | None = None

    @property
    def is_python(self) -> bool:
        """Whether this is a Python project (it has a ``pyproject.toml`` with a project table)."""
        return "project" in self.pyproject

    @property
    def local_path(self) -> Path | None:
        """The repository's directory, when it is a local checkout (not a remote view)."""
        return self.root if isinstance(self.root, Path) else None

    @functools.cached_property
    def lock_check(self) -> LockCheck:
        """``uv lock --check`` in the repository, offline: is ``uv.lock`` in sync?"""
        if self.local_path is None:
            return LockCheck(in_sync=False, skipped="the repository is not a local checkout")
        uv = shutil.which("uv")
        if uv is None:
            return LockCheck(in_sync=False, skipped="uv is not installed here (not on PATH)")
        # The lock file's own resolution is compared with pyproject.toml; nothing is downloaded.
        env = {key: value for key, value in os.environ.items() if key != "UV_LOCKED"}
        result = subprocess.run(  # noqa: S603 - uv, found on PATH, with fixed arguments
            [uv, "lock", "--check", "--offline", "--quiet", "--directory", str(self.local_path)],
            capture_output=True,
            text=True,
            check=False,
            env=env,
            timeout=LOCK_TIMEOUT,
        )
        output = result.stderr.strip()
        if result.returncode and "interpreter" in output.lower():
            # uv needs a Python to lock with; finding none says nothing about the lock file.
            return LockCheck(in_sync=False, output=output, skipped="uv found no Python to run")
        # Anything else (a stale lock, a requirement it cannot resolve offline) means uv.lock
        # does not hold what pyproject.toml asks for.
        return LockCheck(in_sync=result.returncode == 0, output=output)

    @functools.cached_property
    def releases(self) -> Releases:
        """The template's releases, listed from the source recorded in the answers."""
        source = (self.answers or {}).get("_src_path")
        offline = bool(os.environ.get(OFFLINE_ENV))
        return list_releases(str(source) if source else None, offline=offline)


def load(root: Traversable) -> Repository:
    """Read what the checks need from ``root``."""
    pyproject = _read_toml(root.joinpath("pyproject.toml"))
    answers = _read_yaml(root.joinpath(ANSWERS_FILE))
    precommit = _read_yaml(root.joinpath(".pre-commit-config.yaml"))
    gitlab_ci = _read_yaml(root.joinpath(".gitlab-ci.yml"))
    dockerfile = _read_text(root.joinpath("Dockerfile"))
    if dockerfile is None:
        dockerfile = _read_text(root.joinpath("Containerfile"))

    configured = os.environ.get(PRESET_ENV) or None
    if configured is None:
        tool = pyproject.get("tool", {}).get("copier-agent", {})
        preset_path = tool.get("preset") if isinstance(tool, dict) else None
        if isinstance(preset_path, str) and isinstance(root, Path):
            configured = str(root / preset_path)
    preset, preset_error = load_preset(configured)

    return Repository(
        root=root,
        pyproject=pyproject,
        answers=answers if isinstance(answers, dict) else None,
        precommit=precommit if isinstance(precommit, dict) else None,
        workflows=_workflows(root),
        gitlab_ci=gitlab_ci if isinstance(gitlab_ci, dict) else None,
        dockerfile=dockerfile,
        gitignore=_read_text(root.joinpath(".gitignore")),
        has_env_example=root.joinpath(".env.example").is_file(),
        has_lock=root.joinpath("uv.lock").is_file(),
        src_packages=_src_packages(root),
        settings=_settings_classes(root),
        preset=preset,
        preset_error=preset_error,
        mypy_ini=_read_text(root.joinpath("mypy.ini")) or _read_text(root.joinpath(".mypy.ini")),
    )
