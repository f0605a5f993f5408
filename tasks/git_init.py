"""Copier task: make the rendered project a git repository, unless it is inside one already.

pre-commit and `copier update` both need one. Copier runs tasks again on `copier update`, where
the project is a repository already, and a project rendered into an existing work tree (a
monorepo) belongs to that repository: in both cases nothing happens.
"""

from __future__ import annotations

import shutil
import subprocess
import sys


def main() -> int:
    """Run ``git init`` in the current directory when it is not in a work tree; never fail."""
    git = shutil.which("git")
    if git is None:
        print("git is not installed: run `git init` in the project once it is.")
        return 0
    inside = subprocess.run(
        [git, "rev-parse", "--is-inside-work-tree"], capture_output=True, check=False
    )
    if inside.returncode == 0:
        return 0
    if subprocess.run([git, "init", "--quiet"], check=False).returncode:
        print("warning: `git init` failed; run it in the project to see why.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
