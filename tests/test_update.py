"""`copier update` brings a template release into a project without losing the owner's edits.

The test builds a temporary copy of this template as a git repository with two PEP 440 tags:
v1.0.0 (this checkout) and v2.0.0 (v1 plus a change). It renders v1, commits, edits and commits
like a project owner, then updates to v2.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from conftest import TEMPLATE, tool
from copier import run_copy, run_update

if TYPE_CHECKING:
    from pathlib import Path

USER_COMMAND = '''

@app.command()
def hello() -> None:
    """Say hello (a command the project's owners added)."""
    typer.echo("hello")
'''
USER_NOTE = "Owned by the support-tooling team; ask in #support-agents."
TEMPLATE_SECTION = "\n## Security\n\nReport vulnerabilities privately; see SECURITY.md.\n"


def _git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout


def _commit_all(repo: Path, message: str) -> None:
    _git(repo, "add", "--all")
    _git(
        repo,
        "-c",
        "user.name=Test",
        "-c",
        "user.email=test@example.com",
        "commit",
        "-q",
        "-m",
        message,
    )


def _tagged_template(root: Path) -> Path:
    """This checkout's template files (committed or not) as a repository tagged v1.0.0."""
    repo = root / "template-repo"
    listed = _git(TEMPLATE, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    for name in filter(None, listed.split("\0")):
        source = TEMPLATE / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    _git(repo, "init", "-q", "-b", "main")
    _commit_all(repo, "v1")
    _git(repo, "tag", "v1.0.0")
    return repo


def _release_v2(repo: Path, readme_change: tuple[str, str] | None = None) -> None:
    readme = repo / "template" / "README.md.jinja"
    text = readme.read_text(encoding="utf-8") + TEMPLATE_SECTION
    if readme_change:
        text = text.replace(*readme_change)
    readme.write_text(text, encoding="utf-8")
    (repo / "template" / "SECURITY.md").write_text("# Security policy\n", encoding="utf-8")
    _commit_all(repo, "v2")
    _git(repo, "tag", "v2.0.0")


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
    _git(destination, "init", "-q", "-b", "main")
    _commit_all(destination, "Render from copier-agent v1.0.0")
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
    _commit_all(project, "Our own changes")
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
    assert "<<<<<<<" not in _git(project, "diff")


def test_a_real_conflict_is_marked_inline(template_repo: Path, project: Path) -> None:
    readme = project / "README.md"
    readme.write_text(
        readme.read_text(encoding="utf-8").replace("## Quickstart", "## Getting started"),
        encoding="utf-8",
    )
    _commit_all(project, "Our heading")
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
