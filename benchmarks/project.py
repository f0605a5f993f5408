"""Render a project from this checkout and sync its environment, for the benchmarks."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from copier import run_copy

TEMPLATE = Path(__file__).resolve().parents[1]
# The uv that runs the benchmarks (beside their Python), for the projects they render too.
UV = str(Path(sys.executable).with_name("uv"))


def project_env() -> dict[str, str]:
    """The environment for commands in a rendered project: without this repository's venv."""
    return {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}


def render(**answers: Any) -> Path:  # noqa: ANN401 - answers are of any type
    """A synced project with these answers, in a temporary directory that is left behind."""
    destination = Path(tempfile.mkdtemp(prefix="copier-agent-bench-")) / "project"
    run_copy(
        str(TEMPLATE),
        destination,
        data={"project_name": "Bench Agent", **answers},
        defaults=True,
        unsafe=True,
        vcs_ref="HEAD",
        quiet=True,
    )
    subprocess.run([UV, "sync", "--quiet"], cwd=destination, env=project_env(), check=True)
    return destination
