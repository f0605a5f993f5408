"""Run a rendered project's own checks the way its CI does, in a shared but exact environment.

Creating a virtual environment and type-checking a project from cold takes seconds each, and
the matrix renders 48 projects. So each pytest worker keeps one environment (per Python version)
and one mypy cache, and every project is checked in them in turn:

* ``uv sync --locked`` re-syncs the environment *exactly* to the project's own lock file: packages
  that the previous project needed and this one does not declare are removed first, so sharing
  can never hide a missing dependency (``tests/test_isolation.py`` proves it);
* mypy reuses its cache for the third-party packages that stay installed and checks the project;
* last, repo-review runs in this process (cheap): the template's own conventions plugin and
  sp-repo-review's checks, which every generated project passes.

uv's own cache (downloads, built wheels) is the user's default one and is shared by everything.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from repo_review.processor import process

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

    from pytest_copie.plugin import Copie

# The steps of a generated project's CI, in order; each is a command run inside its environment.
STEPS: Mapping[str, tuple[str, ...]] = {
    "lint": ("ruff", "check", "--no-cache", "."),
    "format": ("ruff", "format", "--check", "--no-cache", "."),
    "types": ("mypy",),
    "tests": ("python", "-m", "pytest", "-q", "-p", "no:cacheprovider"),
}


class CheckError(AssertionError):
    """A step of a generated project's checks failed; the message carries its output."""

    def __init__(self, step: str, project: Path, output: str) -> None:
        super().__init__(f"{step} failed in {project}:\n{output}")
        self.step = step
        self.output = output


def render(copie: Copie, answers: Mapping[str, Any]) -> tuple[Path, float]:
    """Render a project with pytest-copie: its directory, and how long rendering took."""
    started = time.perf_counter()
    result = copie.copy(extra_answers=dict(answers))
    rendered_in = time.perf_counter() - started
    assert result.exception is None, result.exception
    assert result.project_dir is not None
    return result.project_dir, rendered_in


@dataclass
class Timing:
    """How long each step took for one project (seconds, by step name)."""

    group: str
    label: str
    seconds: dict[str, float]

    @property
    def total(self) -> float:
        """The sum of the steps."""
        return sum(self.seconds.values())


@dataclass
class ProjectEnvironment:
    """The environments and caches one pytest worker shares between the projects it checks."""

    root: Path
    timings: list[Timing] = field(default_factory=list)

    def venv(self, project: Path) -> Path:
        """The shared environment for the project's Python version (its ``.python-version``)."""
        python = (project / ".python-version").read_text(encoding="utf-8").strip()
        return self.root / f"venv-{python}"

    def _env(self, project: Path) -> dict[str, str]:
        venv = self.venv(project)
        env = {
            **os.environ,
            "UV_PROJECT_ENVIRONMENT": str(venv),
            "VIRTUAL_ENV": str(venv),
            "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
            "MYPY_CACHE_DIR": str(self.root / f"mypy-cache-{venv.name}"),
            "COVERAGE_FILE": str(project / ".coverage"),
            # The contract tests' seed, fixed as in the project's own CI: a run can be replayed.
            # Fewer examples than a project's own run (20): the matrix checks the contract in
            # 24 web projects, and the examples cost seconds under coverage.
            "CONTRACT_SEED": os.environ.get("CONTRACT_SEED", "0"),
            "CONTRACT_EXAMPLES": os.environ.get("CONTRACT_EXAMPLES", "5"),
        }
        # Each project's own settings must win: drop anything that would reconfigure its tools.
        # Bytecode is written, too: the shared environment then compiles each installed package
        # once, where a machine that sets PYTHONDONTWRITEBYTECODE would recompile the SDKs
        # (thousands of modules) in every project's test run.
        for name in (
            "PYTHONDONTWRITEBYTECODE",
            "PYTHONPATH",
            "PYTEST_ADDOPTS",
            "PYTEST_XDIST_WORKER",
            "PYTEST_XDIST_WORKER_COUNT",
        ):
            env.pop(name, None)
        return env

    def run(self, project: Path, argv: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
        """Run ``argv`` in ``project`` with its environment first on PATH."""
        return subprocess.run(
            argv,
            cwd=project,
            env=self._env(project),
            capture_output=True,
            text=True,
            check=False,
        )

    def sync(self, project: Path) -> None:
        """Make the shared environment hold exactly what the project's lock file says."""
        uv = Path(sys.executable).with_name("uv")
        result = self.run(project, (str(uv), "sync", "--locked", "--quiet"))
        if result.returncode:
            raise CheckError("sync", project, result.stdout + result.stderr)

    def step(self, project: Path, name: str) -> None:
        """Run one of ``STEPS``; raise ``CheckError`` with its output when it fails."""
        result = self.run(project, STEPS[name])
        if result.returncode:
            raise CheckError(name, project, result.stdout + result.stderr)

    def check(
        self,
        project: Path,
        group: str,
        label: str,
        *,
        rendered_in: float = 0.0,
        steps: Collection[str] = STEPS.keys(),
    ) -> None:
        """Sync, then run ``steps`` (every one by default) and the conventions.

        How long each took is recorded as ``label`` in ``group``.
        """
        if unknown := set(steps) - STEPS.keys():
            raise ValueError(f"no such steps {sorted(unknown)}: choose from {list(STEPS)}")
        seconds = {"render": rendered_in}
        started = time.perf_counter()
        self.sync(project)
        seconds["sync"] = time.perf_counter() - started
        for name in (step for step in STEPS if step in steps):
            started = time.perf_counter()
            self.step(project, name)
            seconds[name] = time.perf_counter() - started
        started = time.perf_counter()
        review(project)
        seconds["conventions"] = time.perf_counter() - started
        self.timings.append(Timing(group, label, seconds))

    def installed_top_level_names(self, project: Path) -> set[str]:
        """Every top-level import name that the project's synced environment provides."""
        names: set[str] = set()
        for record in self.venv(project).glob("lib/python*/site-packages/*.dist-info/RECORD"):
            for line in record.read_text(encoding="utf-8").splitlines():
                path = line.split(",", 1)[0]
                top = path.split("/", 1)[0]
                if path.startswith("..") or top.endswith((".dist-info", ".data", ".pth")):
                    continue
                # A package directory, a module (`typing_extensions.py`) or an extension module.
                names.add(top.split(".", 1)[0])
        return {name for name in names if name.isidentifier()}


def review(project: Path) -> None:
    """Run repo-review in-process: this template's conventions and sp-repo-review's checks.

    Raises:
        CheckError: a check failed; the message carries each failure's explanation.
    """
    failures = [result for result in process(project).results if result.result is False]
    if failures:
        report = "\n".join(f"{r.name} {r.description}: {r.err_msg}" for r in failures)
        raise CheckError("conventions", project, report)
