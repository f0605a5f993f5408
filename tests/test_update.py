"""``copier update`` brings a template release into a project without losing the owner's edits.

The tests build a temporary copy of this template as a git repository with two PEP 440 tags:
v1.0.0 (this checkout) and v2.0.0 (v1 plus a change). They render v1, commit, edit and commit
like a project owner, then update to v2. Updates from the recorded releases are in
``test_update_releases.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import TEMPLATE, tool
from copier import run_copy, run_update
from plumbum import local
from template_repo import commit_all, git

USER_COMMAND = '''

@app.command()
def hello() -> None:
    """Say hello (a command the project's owners added)."""
    typer.echo("hello")
'''
USER_NOTE = "Owned by the support-tooling team; ask in #support-agents."
TEMPLATE_SECTION = "\n## Security\n\nReport vulnerabilities privately; see SECURITY.md.\n"
UV = str(Path(sys.executable).with_name("uv"))
# A template bump and an owner's pin of the same requirement: a real conflict in pyproject.toml.
TEMPLATE_PYDANTIC = ('"pydantic": ">=2.14,<3"', '"pydantic": ">=2.14.2,<3"')
OWNERS_PYDANTIC = "pydantic>=2.14.4,<3"


def _tagged_template(root: Path) -> Path:
    """This checkout's template files (committed or not) as a repository tagged v1.0.0."""
    repo = root / "template-repo"
    listed = git(TEMPLATE, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    for name in filter(None, listed.split("\0")):
        source = TEMPLATE / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "v1")
    git(repo, "tag", "v1.0.0")
    return repo


def _release_v2(
    repo: Path,
    readme_change: tuple[str, str] | None = None,
    context_change: tuple[str, str] | None = None,
) -> None:
    readme = repo / "template" / "README.md.jinja"
    text = readme.read_text(encoding="utf-8") + TEMPLATE_SECTION
    if readme_change:
        text = text.replace(*readme_change)
    readme.write_text(text, encoding="utf-8")
    if context_change:
        # The dependency ranges the template declares (shared with the conventions plugin).
        standards = repo / "src" / "copier_agent_conventions" / "standards.py"
        standards.write_text(
            standards.read_text(encoding="utf-8").replace(*context_change), encoding="utf-8"
        )
    (repo / "template" / "SECURITY.md").write_text("# Security policy\n", encoding="utf-8")
    commit_all(repo, "v2")
    git(repo, "tag", "v2.0.0")


@pytest.fixture
def template_repo(tmp_path: Path) -> Path:
    return _tagged_template(tmp_path)


@pytest.fixture
def project(tmp_path: Path, template_repo: Path, answers: dict[str, Any]) -> Path:
    """A project rendered from v1.0.0 and committed, as its owners would have it."""
    destination = tmp_path / "project"
    run_copy(
        str(template_repo),
        destination,
        data=answers,
        defaults=True,
        unsafe=True,
        vcs_ref="v1.0.0",
        quiet=True,
    )
    git(destination, "init", "-q", "-b", "main")
    commit_all(destination, "Render from copier-agent v1.0.0")
    return destination


def _update(project: Path) -> None:
    run_update(project, defaults=True, unsafe=True, overwrite=True, conflict="inline", quiet=True)


def test_update_keeps_edits_and_applies_the_release(template_repo: Path, project: Path) -> None:
    cli = project / "src" / "matrix_agent" / "cli" / "__init__.py"
    cli.write_text(cli.read_text(encoding="utf-8") + USER_COMMAND, encoding="utf-8")
    readme = project / "README.md"
    title, rest = readme.read_text(encoding="utf-8").split("\n", 1)
    readme.write_text(f"{title}\n\n{USER_NOTE}\n{rest}", encoding="utf-8")
    (project / "src" / "matrix_agent" / "prompts.py").write_text(
        '"""Our prompts."""\n', encoding="utf-8"
    )
    commit_all(project, "Our own changes")
    _release_v2(template_repo)

    _update(project)

    assert USER_COMMAND in cli.read_text(encoding="utf-8")
    updated_readme = readme.read_text(encoding="utf-8")
    assert USER_NOTE in updated_readme
    assert updated_readme.endswith(TEMPLATE_SECTION)
    assert (project / "SECURITY.md").read_text(encoding="utf-8") == "# Security policy\n"
    assert (project / "src" / "matrix_agent" / "prompts.py").exists()
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["_commit"] == "v2.0.0"
    assert "<<<<<<<" not in git(project, "diff")


def test_a_real_conflict_is_marked_inline(template_repo: Path, project: Path) -> None:
    readme = project / "README.md"
    readme.write_text(
        readme.read_text(encoding="utf-8").replace("## Quickstart", "## Getting started"),
        encoding="utf-8",
    )
    commit_all(project, "Our heading")
    _release_v2(template_repo, readme_change=("## Quickstart", "## Quick start"))

    _update(project)

    text = readme.read_text(encoding="utf-8")
    conflict = "<<<<<<< before updating\n## Getting started\n=======\n## Quick start\n>>>>>>> "
    assert f"{conflict}after updating" in text
    assert text.endswith(TEMPLATE_SECTION)


def test_the_project_knows_it_is_behind(template_repo: Path, project: Path) -> None:
    _release_v2(template_repo)

    result = subprocess.run(
        [tool("copier"), "check-update", "--quiet"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 2, result.stdout + result.stderr


def _recording_uv(directory: Path) -> Path:
    """A ``uv`` that logs where it runs, then runs the real one (the task finds it as $UV)."""
    log = directory / "uv-calls.log"
    wrapper = directory / "bin" / "uv"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\necho "$PWD $*" >> "{log}"\nexec "{UV}" "$@"\n')
    wrapper.chmod(0o755)
    return log


def test_the_lock_is_made_once_after_the_merge_never_merged(
    template_repo: Path,
    project: Path,
    tmp_path: Path,
) -> None:
    subprocess.run([UV, "add", "--no-sync", "--quiet", "humanize>=4.9"], cwd=project, check=True)
    commit_all(project, "Our dependency")
    _release_v2(template_repo, context_change=TEMPLATE_PYDANTIC)
    log = _recording_uv(tmp_path)

    # Copier runs tasks in its temporary renders of both releases, with the same answers: a
    # lock task there (without `when: copy`) would lock three times, twice outside the project.
    with local.env(UV=str(log.parent / "bin" / "uv")):
        _update(project)

    # Locked in the project only (offline first, the index if the cache falls short).
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls
    assert all(call.startswith(f"{project} lock --quiet") for call in calls), calls
    lock = (project / "uv.lock").read_text(encoding="utf-8")
    assert 'name = "humanize"' in lock
    assert '{ name = "pydantic", specifier = ">=2.14.2,<3" }' in lock
    assert subprocess.run([UV, "lock", "--check"], cwd=project, check=False).returncode == 0


def test_a_conflicted_pyproject_keeps_the_committed_lock(
    template_repo: Path,
    project: Path,
    capfd: pytest.CaptureFixture[str],
) -> None:
    subprocess.run([UV, "add", "--no-sync", "--quiet", OWNERS_PYDANTIC], cwd=project, check=True)
    commit_all(project, "Our pin")
    committed = (project / "uv.lock").read_text(encoding="utf-8")
    _release_v2(template_repo, context_change=TEMPLATE_PYDANTIC)

    _update(project)

    pyproject = (project / "pyproject.toml").read_text(encoding="utf-8")
    assert f'<<<<<<< before updating\n  "{OWNERS_PYDANTIC}",\n=======\n' in pyproject
    assert (project / "uv.lock").read_text(encoding="utf-8") == committed
    assert (
        "pyproject.toml has conflicts: resolve them, then run `uv lock`." in capfd.readouterr().out
    )
