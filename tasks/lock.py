"""Copier task: write uv.lock for the rendered project when uv is installed.

Runs in the rendered project's directory with the Python that runs copier, so it needs nothing
but the standard library. Without uv the project is still complete; its README says to run
`uv lock` (or `uv sync`, which locks) before the first build.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def main() -> int:
    """Lock the project in the current directory; never fail the copy."""
    # Installed beside the Python that runs copier (a virtual environment with uv), or on PATH.
    # The first wins: a PATH entry can be a shim (pyenv) that fails in the new project, whose
    # .python-version it reads.
    uv = shutil.which("uv", path=Path(sys.executable).parent) or shutil.which("uv")
    if uv is None:
        print("uv is not installed: skipping uv.lock (run `uv lock` once uv is available).")
        return 0
    # A failed lock (offline, say) must not fail the copy: copier would delete the whole
    # rendered project. The project is complete without it; `uv sync` locks on first use.
    if subprocess.run([uv, "lock", "--quiet"], check=False).returncode:
        print("warning: `uv lock` failed (the message above says why).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
