"""The migration scripts in migrations/, run by copier the way copier.yml runs them.

Each test builds a small template repository with two releases, whose copier.yml declares the
migration exactly as this template's does, renders v1, edits and commits like a project's
owners, and updates to v2. The real template's migrations are also exercised from every
recorded release by ``tests/test_update_releases.py``.
"""

from __future__ import annotations

import shutil
import textwrap
from typing import TYPE_CHECKING

import pytest
import yaml
from conftest import TEMPLATE
from copier import run_copy, run_update
from copier.errors import TaskError
from split_dependencies import after, before, owners_lines
from template_repo import commit_all, git

if TYPE_CHECKING:
    from pathlib import Path

MIGRATIONS = TEMPLATE / "migrations"
SCRIPT = "{{ _copier_python }}", "{{ _copier_conf.src_path }}/migrations/"


def _release(repo: Path, tag: str, files: dict[str, str]) -> None:
    """Write ``files`` into the template repository (an empty text deletes), commit and tag."""
    for name, text in files.items():
        path = repo / name
        if text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        else:
            path.unlink()
    commit_all(repo, tag)
    git(repo, "tag", tag)


def _copier_yml(questions: str, migrations: list[dict[str, object]] | None = None) -> str:
    config = "_answers_file: .copier-answers.yml\n" + textwrap.dedent(questions)
    if migrations:
        config += yaml.safe_dump({"_migrations": migrations}, sort_keys=False)
    return config


def _migration(script: str, *arguments: str, **settings: str) -> dict[str, object]:
    return {"command": [SCRIPT[0], SCRIPT[1] + script, *arguments], **settings}


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """A template repository that carries this template's migration scripts."""
    repo = tmp_path / "template"
    shutil.copytree(MIGRATIONS, repo / "migrations", ignore=shutil.ignore_patterns("__pycache__"))
    (repo / "{{ _copier_conf.answers_file }}.jinja").write_text(
        "{{ _copier_answers | to_nice_yaml }}",
        encoding="utf-8",
    )
    git(repo, "init", "--quiet", "--initial-branch", "main")
    return repo


def _render(template: Path, project: Path, **data: str) -> None:
    run_copy(str(template), project, data=data, vcs_ref="v1", defaults=True, quiet=True)
    git(project, "init", "--quiet", "--initial-branch", "main")
    commit_all(project, "Render v1")


def _update(project: Path) -> None:
    run_update(
        project,
        vcs_ref="v2",
        defaults=True,
        overwrite=True,
        unsafe=True,
        conflict="inline",
        quiet=True,
    )


# --- rename_question.py ------------------------------------------------------------------------

DB_V1 = """
    db:
      type: str
      choices: [sqlite, postgres]
      default: sqlite
"""
STORAGE_V2 = """
    storage:
      type: str
      choices: [sqlite, postgresql]
      default: sqlite
"""


def test_a_renamed_question_keeps_the_answer(template: Path, tmp_path: Path) -> None:
    _release(template, "v1", {"copier.yml": _copier_yml(DB_V1), "db.txt.jinja": "{{ db }}\n"})
    rename = _migration(
        "rename_question.py",
        "db",
        "storage",
        "--value",
        "postgres=postgresql",
        version="v2",
        when="{{ _stage == 'before' }}",
    )
    _release(
        template,
        "v2",
        {
            "copier.yml": _copier_yml(STORAGE_V2, [rename]),
            "db.txt.jinja": "",
            "storage.txt.jinja": "{{ storage }}\n",
        },
    )
    project = tmp_path / "project"
    _render(template, project, db="postgres")

    _update(project)

    # Without the migration the new question would take its default, sqlite, without a word.
    assert (project / "storage.txt").read_text(encoding="utf-8") == "postgresql\n"
    assert not (project / "db.txt").exists()
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["storage"] == "postgresql"
    assert "db" not in answers


# --- carry_edits.py ----------------------------------------------------------------------------

TOOL_V1 = '''\
"""The tool."""


def run() -> str:
    return "v1"


def version() -> int:
    return 1
'''
TOOL_V2 = TOOL_V1.replace("The tool.", "The tool, now a package.").replace('"v1"', '"v2"')
OWNERS_FUNCTION = """

def extra() -> str:
    return "ours"
"""


def _moved_releases(template: Path, new: str = "tool/__init__.py") -> None:
    _release(
        template,
        "v1",
        {"copier.yml": _copier_yml("x: {type: str, default: x}\n"), "tool.py": TOOL_V1},
    )
    carry = _migration("carry_edits.py", "tool.py", new, version="v2")
    files = {"copier.yml": _copier_yml("x: {type: str, default: x}\n", [carry]), "tool.py": ""}
    _release(template, "v2", {**files, "tool/__init__.py": TOOL_V2})


def test_edits_of_a_moved_file_are_carried_to_its_new_place(template: Path, tmp_path: Path) -> None:
    _moved_releases(template)
    project = tmp_path / "project"
    _render(template, project)
    (project / "tool.py").write_text(TOOL_V1 + OWNERS_FUNCTION, encoding="utf-8")
    commit_all(project, "Our function")

    _update(project)

    # Without the migration copier deletes tool.py, and the owners' function with it.
    assert not (project / "tool.py").exists()
    assert (project / "tool" / "__init__.py").read_text(
        encoding="utf-8"
    ) == TOOL_V2 + OWNERS_FUNCTION


def test_a_clash_with_the_release_is_marked_as_copier_marks_it(
    template: Path, tmp_path: Path
) -> None:
    _moved_releases(template)
    project = tmp_path / "project"
    _render(template, project)
    (project / "tool.py").write_text(TOOL_V1.replace('"v1"', '"ours"'), encoding="utf-8")
    commit_all(project, "Our value")

    _update(project)

    moved = (project / "tool" / "__init__.py").read_text(encoding="utf-8")
    ours, theirs = '    return "ours"\n', '    return "v2"\n'
    conflict = f"<<<<<<< before updating\n{ours}=======\n{theirs}>>>>>>> after updating\n"
    assert conflict in moved
    assert moved.startswith('"""The tool, now a package."""')


def test_an_unedited_file_is_simply_replaced(template: Path, tmp_path: Path) -> None:
    _moved_releases(template)
    project = tmp_path / "project"
    _render(template, project)

    _update(project)

    assert (project / "tool" / "__init__.py").read_text(encoding="utf-8") == TOOL_V2
    assert not (project / "tool.py").exists()


def test_without_the_new_place_the_update_stops_and_names_the_file(
    template: Path,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
) -> None:
    _moved_releases(template, new="elsewhere.py")
    project = tmp_path / "project"
    _render(template, project)
    (project / "tool.py").write_text(TOOL_V1 + OWNERS_FUNCTION, encoding="utf-8")
    commit_all(project, "Our function")

    with pytest.raises(TaskError):
        _update(project)

    assert "moved tool.py to elsewhere.py" in capfd.readouterr().err
    assert (project / "tool.py").read_text(encoding="utf-8") == TOOL_V1 + OWNERS_FUNCTION


# --- split_dependencies.py ---------------------------------------------------------------------

SORTED = """\
[project]
name = "x"
dependencies = [
  "anthropic>=2.12,<3",
  "pydantic>=2.14,<3",
  "typer>=0.29,<0.30",
]

[dependency-groups]
dev = [
  "mypy>=2.4,<3",
  "pytest>=9.2,<10",
]
"""
OWNED = SORTED.replace(
    '  "anthropic>=2.12,<3",\n',
    '  "anthropic>=2.12,<3",\n  "humanize>=4.9",\n',
).replace('  "mypy>=2.4,<3",\n', '  "hypothesis>=6",\n  "mypy>=2.4,<3",\n')
LAYERED = """\
[project]
name = "x"
dependencies = [
  # The template's.
  "pydantic>=2.15,<3",
  "anthropic>=2.12,<3",
  "typer>=0.29,<0.30",
  # Yours.
]

[dependency-groups]
dev = [
  "mypy>=2.4,<3",
  "pytest>=9.2,<10",
  # Yours too.
]
"""


RESTORED = LAYERED.replace("  # Yours.\n", '  # Yours.\n  "humanize>=4.9",\n').replace(
    "  # Yours too.\n", '  # Yours too.\n  "hypothesis>=6",\n'
)


def test_the_owners_requirements_are_found_by_comparing_with_the_release() -> None:
    moved = owners_lines(OWNED, SORTED)

    assert moved == {
        ("project", "dependencies"): ['  "humanize>=4.9",\n'],
        ("dependency-groups", "dev"): ['  "hypothesis>=6",\n'],
    }


def test_the_owners_requirements_leave_before_and_return_below_the_template(tmp_path: Path) -> None:
    git(tmp_path, "init", "--quiet")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(OWNED, encoding="utf-8")
    moved = owners_lines(OWNED, SORTED)

    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        before(pyproject, moved)
        staged = git(tmp_path, "show", ":pyproject.toml")
        pyproject.write_text(LAYERED, encoding="utf-8")  # what copier's update then writes
        restored = after(pyproject, moved)

    assert staged == SORTED
    assert restored == ["humanize>=4.9", "hypothesis>=6"]
    assert pyproject.read_text(encoding="utf-8") == RESTORED
