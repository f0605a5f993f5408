"""What a render leaves behind: a source that updates, a git repository, and honest next steps.

``copier update`` and ``check-update`` read ``_src_path`` from inside the project, so a relative
path there fails; pre-commit and ``copier update`` need a git repository; and when the lock task
fails, the final message must say so instead of "ready".
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

import yaml
from conftest import TEMPLATE, copier_copy
from copier import run_copy

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

GIT_INIT = TEMPLATE / "tasks" / "git_init.py"


def _git(cwd: Path, *argv: str) -> None:
    subprocess.run(("git", *argv), cwd=cwd, check=True, capture_output=True)


def test_a_render_from_a_relative_path_records_an_absolute_one(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(TEMPLATE)
    run_copy(
        ".",
        tmp_path / "project",
        data={"project_name": "Acme Agent"},
        defaults=True,
        unsafe=True,
        vcs_ref="HEAD",
        quiet=True,
        skip_tasks=True,
    )

    answers = yaml.safe_load((tmp_path / "project" / ".copier-answers.yml").read_text("utf-8"))
    # Recorded as typed ("."), `copier update` in the project would look for the template there.
    assert answers["_src_path"] == str(TEMPLATE)


def test_the_task_makes_the_project_a_git_repository(tmp_path: Path) -> None:
    subprocess.run((sys.executable, str(GIT_INIT)), cwd=tmp_path, check=True)

    assert (tmp_path / ".git").is_dir()


def test_the_task_leaves_a_project_inside_a_work_tree_alone(tmp_path: Path) -> None:
    _git(tmp_path, "init", "--quiet")
    project = tmp_path / "services" / "agent"
    project.mkdir(parents=True)

    subprocess.run((sys.executable, str(GIT_INIT)), cwd=project, check=True)

    # A monorepo (or `copier update`, which runs the tasks again): no repository inside it.
    assert not (project / ".git").exists()


def test_the_final_message_says_when_the_lock_failed(tmp_path: Path) -> None:
    # Offline with an empty cache, `uv lock` cannot resolve anything.
    offline = {**os.environ, "UV_OFFLINE": "1", "UV_CACHE_DIR": str(tmp_path / "empty-cache")}
    result = copier_copy(tmp_path / "project", project_name="Acme Agent", env=offline)

    assert result.returncode == 0, result.stderr
    err = result.stderr
    assert not (tmp_path / "project" / "uv.lock").exists()
    assert "uv.lock was not written" in err
    assert "Run\n`uv lock` in the project" in err
    # The task made a repository, so the message gives the first commit.
    assert (tmp_path / "project" / ".git").is_dir()
    assert 'git add --all && git commit --message "Render copier-agent"' in err
    assert 'ACME_AGENT_PROVIDER=fake uv run acme-agent chat "What time is it?"' in err
