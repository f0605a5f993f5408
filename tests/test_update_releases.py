"""``copier update`` from every recorded release to the work in progress, with the owners' edits.

For a rotating sample of the recorded releases (``releases.toml``) and of the 48 combinations
(``tests/update_sample.py``; ``UPDATE_SAMPLE=all`` for every case), the test renders the release,
commits it, and edits it as its owners would: a command where that release keeps the command
line (``cli.py`` up to 0.1.0), a tool beside the template's where the release has them, a changed
default, a dependency added with a real ``uv add``, a README line, and a module of their own with
its test. It then updates to the work in progress (tagged above every release), a quarter of the
cases switching the storage, interface or concurrency with ``--data``, and requires:

* every line the owners wrote still there, no conflict marker and no ``.rej`` file;
* exactly the files a fresh render of the new release has, plus the owners' own (stale ones gone);
* the lock regenerated, not merged: ``uv sync --locked`` agrees with ``pyproject.toml``;
* the project's own ruff, format check, strict mypy and tests green.

A conflict here means a realistic edit conflicts with the release: write a migration
(docs/development.md, "Migrations") or, if the conflict is right, say in CHANGELOG.md how to
resolve it and change the edit.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import update_sample
from copier import run_update
from template_repo import commit_all, git

from scripts import releases

if TYPE_CHECKING:
    from harness import ProjectEnvironment
    from template_repo import TaggedTemplate

RECORDED = releases.load()
CASES = update_sample.cases(len(RECORDED))
PACKAGE = "matrix_agent"
UV = str(Path(sys.executable).with_name("uv"))

COMMAND = '''

@app.command()
def hello(name: str = "world") -> None:
    """Greet someone (a command the owners added)."""
    typer.echo(f"hello {name}")
'''
# In a test file of their own: appended to the template's test_cli.py, it would conflict with
# every release that appends a test there too (docs/updating.md says so).
COMMAND_TEST = f'''"""The owners' own command."""

from typer.testing import CliRunner

from {PACKAGE}.cli import app


def test_hello_greets_by_name() -> None:
    result = CliRunner().invoke(app, ["hello", "--name", "Ada"])

    assert result.exit_code == 0
    assert result.stdout == "hello Ada\\n"
'''
TOOL = '''class WordQuery(BaseModel):
    """Arguments of ``word_count`` (a tool the owners added)."""

    text: str = Field(description="The text whose words to count.")


def word_count(arguments: WordQuery) -> str:
    """How many words the text has."""
    return str(len(arguments.text.split()))


'''
TOOL_REGISTRATION = "    registry.tool(word_count)\n"
DEFAULT_TOOLS = '"current_time", "calculate"'
WITH_OURS = f'{DEFAULT_TOOLS}, "word_count"'
TOOL_TEST = f'''"""The owners' own tool."""

from {PACKAGE}.toolbox import WordQuery, word_count


def test_word_count_counts_words() -> None:
    assert word_count(WordQuery(text="one two  three")) == "3"
'''
MODULE = '''"""Sizes people read (the owners' own module)."""

import humanize


def readable_size(size: int) -> str:
    """``1_500_000`` -> ``1.5 MB``."""
    return humanize.naturalsize(size)
'''
MODULE_TEST = f'''"""The owners' own module."""

from {PACKAGE}.sizes import readable_size


def test_readable_size() -> None:
    assert readable_size(1_500_000) == "1.5 MB"
'''
README_LINE = "Owned by the support-tooling team; ask in #support-agents."
REQUIREMENT = "humanize>=4.9"
TIMEOUT = re.compile(r"(request_timeout: float = Field\(\n\s+default=)60\.0,")
CONFLICT = re.compile(r"^(<<<<<<<|>>>>>>>) ", re.MULTILINE)
CHANGED_TIMEOUT = "request_timeout: float = Field(\n        default=90.0,"


@dataclass
class OwnerEdits:
    """What the owners wrote: lines each file must keep, and the files they created."""

    lines: dict[str, list[str]] = field(default_factory=dict)
    created: set[str] = field(default_factory=set)

    def append(self, project: Path, path: str, text: str, *, keep_in: str | None = None) -> None:
        file = project / path
        file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")
        self.keep(keep_in or path, text)

    def create(self, project: Path, path: str, text: str) -> None:
        (project / path).write_text(text, encoding="utf-8")
        self.created.add(path)
        self.keep(path, text)

    def keep(self, path: str, text: str) -> None:
        self.lines.setdefault(path, []).extend(line for line in text.splitlines() if line.strip())


def _edit_like_an_owner(project: Path) -> OwnerEdits:
    edits = OwnerEdits()
    source = f"src/{PACKAGE}"
    # The command goes where this release keeps the command line; after the update it must be
    # in the package that 0.2.0 made of it.
    package = f"{source}/cli/__init__.py"
    module = f"{source}/cli.py"
    edits.append(
        project, module if (project / module).exists() else package, COMMAND, keep_in=package
    )
    edits.create(project, "tests/test_hello.py", COMMAND_TEST)
    toolbox = project / source / "toolbox.py"
    if toolbox.exists():
        text = toolbox.read_text(encoding="utf-8")
        text = text.replace("def default_tools(", TOOL + "def default_tools(", 1)
        text = text.replace(
            "    registry.tool(calculate)\n",
            "    registry.tool(calculate)\n" + TOOL_REGISTRATION,
            1,
        )
        toolbox.write_text(text, encoding="utf-8")
        edits.keep(f"{source}/toolbox.py", TOOL + TOOL_REGISTRATION)
        edits.create(project, "tests/test_word_count.py", TOOL_TEST)
        # The template's test lists the default tools: the owners add theirs to it.
        tests = project / "tests" / "test_tools.py"
        text = tests.read_text(encoding="utf-8")
        assert text.count(DEFAULT_TOOLS) == 1, "the default tools' test changed: change this edit"
        tests.write_text(text.replace(DEFAULT_TOOLS, WITH_OURS), encoding="utf-8")
        edits.keep("tests/test_tools.py", WITH_OURS)
    settings = project / source / "settings.py"
    text, changed = TIMEOUT.subn(r"\g<1>90.0,", settings.read_text(encoding="utf-8"))
    assert changed == 1, "the request_timeout default moved: change this edit"
    settings.write_text(text, encoding="utf-8")
    readme = project / "README.md"
    title, rest = readme.read_text(encoding="utf-8").split("\n", 1)
    readme.write_text(f"{title}\n\n{README_LINE}\n{rest}", encoding="utf-8")
    edits.keep("README.md", README_LINE)
    result = subprocess.run(
        [UV, "add", "--no-sync", "--quiet", REQUIREMENT],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    edits.create(project, f"{source}/sizes.py", MODULE)
    edits.create(project, "tests/test_sizes.py", MODULE_TEST)
    return edits


def _files(root: Path) -> set[str]:
    return {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


def _conflicted(project: Path) -> list[str]:
    return sorted(
        name
        for name in _files(project)
        if name.endswith(".rej")
        or CONFLICT.search((project / name).read_text(encoding="utf-8", errors="replace"))
    )


@pytest.mark.parametrize(
    "case",
    CASES,
    ids=[case.id(RECORDED[case.release].tag) for case in CASES],
)
def test_update_from_a_release_keeps_the_owners_edits(
    case: update_sample.Case,
    answers: dict[str, Any],
    tagged_template: TaggedTemplate,
    project_env: ProjectEnvironment,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    started = time.perf_counter()
    release = tagged_template.releases[case.release]
    project = tagged_template.render(
        tmp_path / "project", release.tag, {**answers, **case.source}, tasks=True
    )
    git(project, "init", "--quiet", "--initial-branch", "main")
    commit_all(project, f"Render from copier-agent {release.tag}")
    edits = _edit_like_an_owner(project)
    commit_all(project, "Our own changes")

    run_update(
        project,
        data=case.target,
        vcs_ref=tagged_template.head,
        defaults=True,
        overwrite=True,
        unsafe=True,
        conflict="inline",
        quiet=True,
    )
    updated_in = time.perf_counter() - started

    assert tagged_template.answers_of(project)["_commit"] == tagged_template.head
    assert _conflicted(project) == []
    for path, lines in edits.lines.items():
        text = (project / path).read_text(encoding="utf-8")
        lost = [line for line in lines if line not in text]
        assert not lost, f"{path} lost the owners' lines {lost}"
    assert CHANGED_TIMEOUT in (project / f"src/{PACKAGE}/settings.py").read_text(encoding="utf-8")
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["dependencies"][-1] == REQUIREMENT
    assert 'name = "humanize"' in (project / "uv.lock").read_text(encoding="utf-8")
    fresh = tagged_template.render(
        tmp_path / "fresh", tagged_template.head, {**answers, **case.target}
    )
    assert _files(project) == _files(fresh) | edits.created | {"uv.lock"}

    # The summary's "render" column: rendering the release, editing, and updating.
    project_env.check(project, "update", request.node.callspec.id, rendered_in=updated_in)


def test_the_daily_samples_go_through_every_case(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UPDATE_SAMPLE", raising=False)  # the default: 2 a day
    for releases_count in (1, 2, 3):
        seen = set()
        for day in range(24 * releases_count):
            monkeypatch.setenv("UPDATE_SEED", str(day))
            seen |= {case.id(f"v{case.release}") for case in update_sample.cases(releases_count)}
        assert len(seen) == 48 * releases_count
