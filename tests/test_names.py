"""Any name a person types: refused with a message that fits, or rendered into a clean project.

The matrix and the cases check a few names in full; these properties cover the answer space
cheaply. Hypothesis draws project names, slugs and package names the way people type them
(unicode, digits first, one letter, eighty characters, every first letter, words that are also
Python names) together with a provider x concurrency x interface x storage combination:

* every answer the validators refuse gets a message that fits the 80-column prompt line;
* every answer they accept renders (in-process, without the lock task) into a project that
  passes ``ruff check`` and ``ruff format --check`` (the lint rules that depend on names: import
  sorting, line length, shadowed builtins), and whose .gitignore keeps none of its source out.

On CI (``CI`` is set) Hypothesis loads its ``ci`` profile: the examples are derandomized, so
every run draws the same ones. A failure prints the falsifying answers and, with ``print_blob``,
the ``@reproduce_failure`` line that replays it anywhere.
"""

from __future__ import annotations

import shutil
import string
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE_ANSWERS, TEMPLATE, choices, tool
from copier import run_copy
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extensions import answers, context

# Copier shows a refused answer on one line that the terminal cuts at its width.
PROMPT_WIDTH = 80
NAMED = ("project_name", "project_slug", "package_name")

# Words people put in agent names: every first letter, accents and other scripts, digits first,
# and words that are also the names of modules, keywords or builtin errors.
WORDS = (
    "Acme",
    "Billing",
    "Café",
    "Docs",
    "Élan",
    "Fintech",
    "Göteborg",
    "Help",
    "Insight",
    "Jira",
    "Kühne",
    "Ledger",
    "Møller",
    "Nexus",
    "Ops",
    "Pricing",
    "Quote",
    "Route",
    "Support",
    "Triage",
    "Über",
    "Value",
    "Watch",
    "Xylo",
    "Yield",
    "Zoë",
    "Agent",
    "Bot",
    "Assistant",
    "AI",
    "LLM",
    "GPT-5",
    "3D",
    "2048",
    "42",
    "v2",
    "R2-D2",
    "&",
    "déjà",
    "naïve",
    "日本",
    "Ωmega",
    "Test",
    "Tests",
    "Testing",
    "Config",
    "Type",
    "Src",
    "Data",
    "Class",
    "Conftest",
    "Logging",
    "Key",
    "Timeout",
    "Tool",
)

_ascii_word = st.builds(
    str.__add__,
    st.sampled_from(string.ascii_letters + string.digits),
    st.text(string.ascii_lowercase + string.digits, max_size=9),
)
_any_word = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=10)
_word = st.one_of(st.sampled_from(WORDS), _ascii_word, _any_word)
_separator = st.sampled_from([" ", " ", " ", "-", "_", " & ", ". ", "/"])


@st.composite
def _project_names(draw: st.DrawFn) -> str:
    first, *others = draw(st.lists(_word, min_size=1, max_size=8))
    return first + "".join(draw(_separator) + word for word in others)


_slugs = st.from_regex(r"[a-z0-9]{1,9}(-[a-z0-9]{1,9}){0,4}", fullmatch=True)
# Names of the project's own directories are good package names (the renders prove it); the
# tests' module names and dependencies' are refused.
_PROJECT_DIRECTORIES = {"src", "tests", "data", "build", "dist", "htmlcov", "docs"}
_packages = st.one_of(
    st.from_regex(r"[a-z][a-z0-9_]{0,39}", fullmatch=True),
    st.sampled_from(
        sorted(_PROJECT_DIRECTORIES | answers.TEST_MODULES | answers.DEPENDENCY_IMPORT_NAMES),
    ),
)
_combinations = st.fixed_dictionaries(
    {
        name: st.sampled_from(choices(name))
        for name in ("provider", "concurrency", "interface", "storage", "python_version")
    },
)


def _typed(*, overrides: st.SearchStrategy[str | None]) -> st.SearchStrategy[dict[str, Any]]:
    """A project name, and the slug and package name when the person typed their own."""
    return st.fixed_dictionaries(
        {"project_name": st.one_of(_project_names(), st.text(max_size=100))},
        optional={"project_slug": overrides, "package_name": overrides},
    ).map(lambda typed: {key: value for key, value in typed.items() if value is not None})


def _effective(typed: dict[str, Any]) -> dict[str, str]:
    """The names copier ends up with: typed, or the defaults copier.yml derives."""
    name = typed["project_name"]
    slug = typed.get("project_slug", answers.slugify(name))
    return {
        "project_name": name,
        "project_slug": slug,
        "package_name": typed.get("package_name", answers.identifier(slug)),
    }


def _errors(typed: dict[str, Any]) -> dict[str, str]:
    names = _effective(typed)
    return {
        question: error
        for question in NAMED
        if (error := answers.VALIDATORS[question](names[question]))
    }


@given(
    typed=_typed(
        overrides=st.one_of(st.none(), _slugs, _packages, st.text(max_size=60)),
    ),
)
@settings(max_examples=500, deadline=None)
@example(typed={"project_name": "日本語のエージェント"})
@example(typed={"project_name": "2048"})
@example(typed={"project_name": "A" * 81})
@example(typed={"project_name": "Agent", "package_name": "conftest"})
@example(typed={"project_name": "Agent", "package_name": "value"})
@example(typed={"project_name": "Agent", "project_slug": "pytest"})
def test_every_refused_name_gets_a_message_that_fits(typed: dict[str, Any]) -> None:
    for question, error in _errors(typed).items():
        line = f"Validation error for question '{question}': {error}"
        assert len(line) <= PROMPT_WIDTH, line
        assert error.isprintable(), line


@given(typed=_typed(overrides=st.one_of(st.none(), _slugs, _packages)))
@settings(max_examples=500, deadline=None)
def test_accepted_names_are_what_the_project_needs(typed: dict[str, Any]) -> None:
    if _errors(typed):
        return
    names = _effective(typed)
    package = names["package_name"]
    assert package.isidentifier()
    assert package[0].isalpha()
    assert package.isascii()
    assert package.islower()
    derived = context.derive({**BASE_ANSWERS, **names})
    # The validator checks the root error class that context.py will name.
    assert derived["root_error"] == answers.root_error(package)
    assert derived["env_prefix"].isidentifier()


@pytest.fixture(scope="module")
def template_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template as it is on disk, outside git: copier renders it without cloning it."""
    copy = tmp_path_factory.mktemp("names") / "template"
    for name in ("copier.yml", "extensions", "tasks", "template", "src"):
        source = TEMPLATE / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            copy.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    return copy


def _run(project: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=project, capture_output=True, text=True, check=False)


def _ruff(project: Path, *argv: str) -> str:
    result = _run(project, tool("ruff"), *argv, "--no-cache", ".")
    return "" if result.returncode == 0 else result.stdout + result.stderr


def _ignored(project: Path) -> str:
    """Files under src/ or tests/ that the project's .gitignore would keep out of git."""
    _run(project, "git", "init", "--quiet")
    status = _run(project, "git", "status", "--porcelain", "--ignored", "--untracked-files=all")
    return "\n".join(
        line
        for line in status.stdout.splitlines()
        if line.startswith("!! ") and line[3:].startswith(("src/", "tests/"))
    )


@given(
    typed=_typed(overrides=st.one_of(st.none(), _slugs, _packages)).filter(
        lambda typed: not _errors(typed),
    ),
    combination=_combinations,
)
@settings(
    max_examples=15,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# The names that broke a first render, and the extremes of the answer space.
@example(typed={"project_name": "Acme Agent"}, combination={})
@example(typed={"project_name": "Billing Bot"}, combination={"interface": "web"})
@example(typed={"project_name": "Café Concierge"}, combination={"provider": "openai"})
@example(typed={"project_name": "3D Printer Agent"}, combination={"concurrency": "sync"})
@example(typed={"project_name": "A"}, combination={"storage": "postgres"})
@example(typed={"project_name": "Testbot"}, combination={"storage": "redis"})
@example(typed={"project_name": "Data"}, combination={"storage": "sqlite"})
# Jinja sorts case-insensitively by default; ruff wants SFError before Settings in __all__.
@example(typed={"project_name": "S F"}, combination={})
@example(
    typed={"project_name": "Zymurgy " * 9 + "Zymurgy", "project_slug": "z" * 40},
    combination={"interface": "web", "provider": "openai_compatible"},
)
def test_every_accepted_name_renders_a_project_that_passes_ruff(
    template_copy: Path,
    typed: dict[str, Any],
    combination: dict[str, str],
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        project = Path(directory) / "project"
        run_copy(
            str(template_copy),
            project,
            data={**combination, **typed},
            defaults=True,
            unsafe=True,
            skip_tasks=True,
            quiet=True,
        )
        failures = {
            "ruff check": _ruff(project, "check"),
            "ruff format --check": _ruff(project, "format", "--check"),
            "git-ignored": _ignored(project),
        }
    failed = {step: output for step, output in failures.items() if output}
    assert not failed, f"{typed} {combination}:\n" + "\n".join(
        f"{step}:\n{output}" for step, output in failed.items()
    )
