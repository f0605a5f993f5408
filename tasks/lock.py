"""Copier task and migration: write uv.lock for the rendered project when uv is installed.

copier.yml runs this script twice over a project's life:

* as a task, on ``copier copy`` only: lock the new project;
* as the last migration, after every ``copier update`` (``--after-update``). During an update
  copier renders the old and the new release in temporary directories and runs the tasks in
  each; a lock written there would be merged line by line into the project's own, conflicting
  on any package the owners added. So the task skips updates, and this regenerates the lock from
  the merged ``pyproject.toml`` instead, starting from the project's committed lock so that the
  pins nothing asked to change stay as they were.

It runs with the Python that runs copier, so it needs nothing but the standard library. Without
uv the project is still complete; its README says to run ``uv lock`` before the first build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

PYPROJECT = Path("pyproject.toml")
LOCK = Path("uv.lock")
# Where an update leaves both versions of a hunk (copier's `--conflict inline`).
CONFLICT_MARKERS = ("<<<<<<< ", ">>>>>>> ")
# Settings that turn `uv lock` into a check of the existing lock.
STRICT_UV = frozenset({"UV_LOCKED", "UV_FROZEN"})


def find_uv() -> str | None:
    """The uv to lock with.

    ``UV`` first: uv sets it for the commands it runs (``uvx copier``, ``uv run copier``), so the
    uv that started copier locks too. Then the one installed beside the Python that runs copier,
    then PATH, last: a PATH entry can be a shim (pyenv) that fails in the new project, whose
    .python-version it reads.
    """
    return (
        os.environ.get("UV")
        or shutil.which("uv", path=Path(sys.executable).parent)
        or shutil.which("uv")
    )


def has_conflict_markers(path: Path) -> bool:
    """Whether ``path`` holds an unresolved conflict (``<<<<<<<`` or ``>>>>>>>`` lines)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return False
    return any(line.startswith(CONFLICT_MARKERS) for line in lines)


def lock(uv: str) -> bool:
    """``uv lock`` here, whatever the caller's ``UV_LOCKED``/``UV_FROZEN`` (CI sets them).

    Offline first: where uv's cache holds what the project needs (any machine that has locked a
    project of this template before), that resolves in milliseconds, where asking the package
    index takes a second or two. The versions are the newest the cache knows, within the
    template's tested ranges; `uv lock --upgrade` takes the index's newest. The index is asked
    only when the cache falls short, and never when the caller said ``UV_OFFLINE``.
    """
    env = {
        name: value for name, value in os.environ.items() if name not in {"UV_LOCKED", "UV_FROZEN"}
    }
    offline = subprocess.run(
        [uv, "lock", "--quiet", "--offline"], env=env, capture_output=True, text=True, check=False
    )
    if offline.returncode == 0:
        return True
    if env.get("UV_OFFLINE"):
        print(offline.stderr, end="", file=sys.stderr)
        return False
    return subprocess.run([uv, "lock", "--quiet"], env=env, check=False).returncode == 0


def _committed_lock() -> str | None:
    """The lock file of the commit the update started from, if it had one."""
    result = subprocess.run(
        ["git", "show", f"HEAD:./{LOCK}"],  # noqa: S607 - git is on PATH wherever copier runs
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout if result.returncode == 0 else None


def after_update(uv: str) -> None:
    """Regenerate uv.lock for the merged pyproject.toml; never merge it as text."""
    if not LOCK.exists() or has_conflict_markers(LOCK):
        # The update removed the lock (releases before 0.2.0 made one in their temporary
        # copies) or merged it: start again from the committed one, so unchanged pins stay.
        committed = _committed_lock()
        if committed is None:
            LOCK.unlink(missing_ok=True)
        else:
            LOCK.write_text(committed, encoding="utf-8")
    if has_conflict_markers(PYPROJECT):
        print("pyproject.toml has conflicts: resolve them, then run `uv lock`.")
        return
    if lock(uv):
        print("uv.lock regenerated for the updated pyproject.toml.")
    else:
        print("warning: `uv lock` failed; run it in the project to see why.", file=sys.stderr)


def main(argv: list[str]) -> int:
    """Lock the project in the current directory; never fail the copy or the update."""
    uv = find_uv()
    if uv is None:
        print("uv is not installed: skipping uv.lock (run `uv lock` once uv is available).")
        return 0
    if argv == ["--after-update"]:
        after_update(uv)
    # A failed lock (offline, say) must not fail the copy: copier would delete the whole
    # rendered project. The project is complete without it; `uv sync` locks on first use.
    elif not lock(uv):
        print(
            "warning: `uv lock` failed; run `uv lock` in the project to see why.", file=sys.stderr
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
