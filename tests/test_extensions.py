"""Unit tests of the Jinja extensions: answer rules, derived context, and the unasync filter."""

from __future__ import annotations

import re
import tomllib
from typing import TYPE_CHECKING, Any

import jinja2
import pytest
from conftest import BASE_ANSWERS, TEMPLATE

from extensions import answers, context, unasync

if TYPE_CHECKING:
    from pathlib import Path


def _derive(**overrides: Any) -> dict[str, Any]:  # noqa: ANN401 - answers are of any type
    return context.derive({**BASE_ANSWERS, **overrides})


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[]", requirement)[0] for requirement in requirements}


# --- answers.py ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug", "package"),
    [
        ("Support Triage Agent", "support-triage-agent", "support_triage_agent"),
        ("  Ünïcödé   Agent!! ", "unicode-agent", "unicode_agent"),
        ("R2-D2 / C-3PO", "r2-d2-c-3po", "r2_d2_c_3po"),
        # A package name starts with a letter: leading words that start with a digit are left
        # out of it (the slug keeps them).
        ("3D Printer Agent", "3d-printer-agent", "printer_agent"),
        ("2048 / 42 Bot", "2048-42-bot", "bot"),
        ("2048", "2048", ""),
        ("???", "", ""),
    ],
)
def test_slugify_and_identifier(name: str, slug: str, package: str) -> None:
    assert answers.slugify(name) == slug
    assert answers.identifier(slug) == package


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Support Triage Agent", ""),
        ("3D Printer Agent", ""),
        ("Café", ""),
        ("A", ""),
        ("", "Enter a name."),
        ("日本語", "Needs ASCII letters or digits."),
        ("42", "Needs a word starting with a-z."),
        ("A" * 81, "81 characters; 80 at most."),
    ],
)
def test_project_names(name: str, message: str) -> None:
    assert answers.project_name_error(name) == message


@pytest.mark.parametrize("name", ["my_agent", "agent2", "a", "x" * 40, "src", "tests", "match"])
def test_good_package_names(name: str) -> None:
    assert answers.package_name_error(name) == ""


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("class", "A Python keyword."),
        ("logging", "Shadows a standard library module."),
        ("asyncio", "Shadows a standard library module."),
        ("pydantic", "Shadows a dependency's module."),
        ("fastapi", "Shadows a dependency's module."),
        # tests/ is on sys.path when the tests run: its modules would shadow the package.
        ("conftest", "Shadows a module of the tests."),
        ("test_agent", "Shadows a module of the tests."),
        ("test_web", "Shadows a module of the tests."),
        # The root error class would be ValueError (a builtin) or ConfigError (already a class).
        ("value", "Its error class name is taken."),
        ("config", "Its error class name is taken."),
        ("provider_timeout", "Its error class name is taken."),
        ("My_Agent", "Use a-z, 0-9 and _, from a letter."),
        ("_private", "Use a-z, 0-9 and _, from a letter."),
        ("2fast", "Use a-z, 0-9 and _, from a letter."),
        ("my-agent", "Use a-z, 0-9 and _, from a letter."),
        ("x" * 41, "41 characters; 40 at most."),
    ],
)
def test_bad_package_names(name: str, message: str) -> None:
    assert answers.package_name_error(name) == message


def test_reserved_names_come_from_the_template() -> None:
    # Read from template/: a new test module or error class is reserved without a list to edit.
    test_modules = {
        path.name.split(".py")[0].rsplit("}", 1)[-1]
        for path in (TEMPLATE / "template" / "tests").iterdir()
    }
    assert test_modules == answers.TEST_MODULES
    errors = (TEMPLATE / "template" / "src" / "{{ package_name }}" / "errors.py.jinja").read_text(
        encoding="utf-8",
    )
    for name in ("ProviderError", "ConfigError", "RateLimitedError", "StorageError"):
        assert f"class {name}(" in errors
        assert name in answers.PROJECT_ERROR_CLASSES


def test_the_test_helpers_get_their_import_section_from_the_same_scan() -> None:
    # The modules of tests/ that the tests import, and only those: a new helper needs no edit of
    # pyproject.toml.jinja, whose isort section is rendered from the derived context.
    helpers = ["conftest", "mcp_server", "test_provider_anthropic", "test_provider_openai"]
    assert sorted(answers.TEST_HELPERS) == helpers
    assert _derive()["test_helper_modules"] == helpers
    template = (TEMPLATE / "template" / "pyproject.toml.jinja").read_text(encoding="utf-8")
    line = next(line for line in template.splitlines() if line.startswith("known-local-folder"))
    assert "test_helper_modules" in line
    rendered = jinja2.Template(line).render(_derive())
    assert tomllib.loads(rendered) == {"known-local-folder": helpers}


@pytest.mark.parametrize("slug", ["my-agent", "agent", "a1-b2", "3d-printer-agent", "2048"])
def test_good_slugs(slug: str) -> None:
    assert answers.project_slug_error(slug) == ""


@pytest.mark.parametrize("slug", ["My-Agent", "my--agent", "-agent", "agent-", "my_agent", ""])
def test_bad_slugs(slug: str) -> None:
    assert answers.project_slug_error(slug) == "Use a-z, 0-9 and single hyphens."


@pytest.mark.parametrize("slug", ["pytest", "ruff", "pydantic-settings", "uvicorn"])
def test_slugs_of_dependencies_are_refused(slug: str) -> None:
    assert answers.project_slug_error(slug) == "A dependency has this name."


@pytest.mark.parametrize("email", ["", "ada@example.com", "team+agents@corp.example.co.uk"])
def test_good_emails(email: str) -> None:
    assert answers.author_email_error(email) == ""


@pytest.mark.parametrize("email", ["ada", "ada@", "@example.com", "ada@example", "a b@example.com"])
def test_bad_emails(email: str) -> None:
    assert answers.author_email_error(email) == "Like ada@example.com, or empty."


@pytest.mark.parametrize(
    "model", ["claude-sonnet-5-5", "gpt-5.5", "llama3.2", "qwen2.5:7b", "org/model@v1"]
)
def test_good_models(model: str) -> None:
    assert answers.model_error(model) == ""


def test_every_validated_question_has_its_filter_in_copier_yml() -> None:
    copier_yml = (TEMPLATE / "copier.yml").read_text(encoding="utf-8")
    for question in answers.VALIDATORS:
        assert f'validator: "{{{{ {question} | {question}_error }}}}"' in copier_yml


# --- context.py ----------------------------------------------------------------------------------


def test_a_relative_template_path_is_recorded_absolute(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "copier-agent").mkdir()
    monkeypatch.chdir(tmp_path)

    recorded = context.absolute_src_path({"_commit": "v1.0.0", "_src_path": "copier-agent"})

    assert recorded == {"_commit": "v1.0.0", "_src_path": str(tmp_path / "copier-agent")}


@pytest.mark.parametrize(
    "source",
    ["https://git.example.com/org/copier-agent.git", "git@host:org/copier-agent", "gh:org/repo"],
)
def test_urls_are_recorded_as_they_are(source: str) -> None:
    assert context.absolute_src_path({"_src_path": source}) == {"_src_path": source}


def test_derived_names() -> None:
    derived = _derive()

    assert derived["env_prefix"] == "SUPPORT_TRIAGE_"
    assert derived["root_error"] == "SupportTriageError"
    assert derived["storage_url"] == "sqlite:///data/support-triage-agent.sqlite3"
    assert derived["python_versions"] == ["3.12", "3.13"]
    assert derived["author_table"] == ""


def test_concurrency_flags() -> None:
    assert _derive(concurrency="async")["is_async"] is True
    assert _derive(concurrency="sync")["is_sync"] is True
    assert _derive(concurrency="sync")["is_async"] is False


@pytest.mark.parametrize(
    ("overrides", "present", "absent"),
    [
        ({}, {"anthropic", "aiosqlite", "typer"}, {"openai", "fastapi", "redis"}),
        (
            {"interface": "cli"},
            {"opentelemetry-api", "opentelemetry-sdk", "opentelemetry-exporter-otlp-proto-http"},
            {"opentelemetry-exporter-prometheus"},
        ),
        ({"concurrency": "sync"}, {"anthropic"}, {"aiosqlite"}),
        (
            {"provider": "openai", "interface": "web"},
            {
                "openai",
                "fastapi",
                "uvicorn",
                "opentelemetry-api",
                "opentelemetry-exporter-prometheus",
            },
            {"anthropic"},
        ),
        (
            {"provider": "openai_compatible", "storage": "postgres"},
            {"openai", "psycopg", "psycopg-pool"},
            set(),
        ),
        ({"storage": "redis", "concurrency": "sync"}, {"redis"}, {"aiosqlite", "psycopg"}),
        (
            {"storage": "none"},
            {"pydantic-settings", "structlog"},
            {"aiosqlite", "psycopg", "redis"},
        ),
    ],
)
def test_dependencies_follow_the_answers(
    overrides: dict[str, str],
    present: set[str],
    absent: set[str],
) -> None:
    names = _names(_derive(**overrides)["dependencies"])

    assert present <= names
    assert not absent & names


def test_every_requirement_is_bounded_above() -> None:
    for name, versions in context.VERSIONS.items():
        # A lower bound may be a pre-release: some packages have nothing else (0.66b2).
        bounds = r">=[\d.]+(?:(?:a|b|rc)\d+)?"
        bounds += "" if name in context.UNBOUNDED else r",<[\d.]+"
        assert re.fullmatch(bounds, versions), name


def test_dev_dependencies_follow_the_answers() -> None:
    assert "pytest-asyncio" in _names(_derive()["dev_dependencies"])
    assert "pytest-asyncio" not in _names(_derive(concurrency="sync")["dev_dependencies"])
    assert "httpx2" in _names(_derive()["dependencies"])


def _uv_keeps_sorted(requirements: list[str]) -> bool:
    # `uv add` inserts in order into a list that is sorted in any of these ways (uv's
    # `pyproject_mut.rs`), and appends to any other list.
    split = [re.split(r"(?=[<>=!~;\[ ])", requirement, maxsplit=1) for requirement in requirements]
    lowered = [[part.lower() for part in parts] for parts in split]
    orders = (split, lowered, requirements, [requirement.lower() for requirement in requirements])
    return any(order == sorted(order) for order in orders)


@pytest.mark.parametrize("provider", ["anthropic", "openai", "openai_compatible"])
@pytest.mark.parametrize("concurrency", ["async", "sync"])
@pytest.mark.parametrize("interface", ["cli", "web"])
@pytest.mark.parametrize("storage", ["none", "sqlite", "postgres", "redis"])
def test_uv_add_appends_after_the_template_requirements(
    provider: str,
    concurrency: str,
    interface: str,
    storage: str,
) -> None:
    # A sorted list would make `uv add` slot the owner's package between the template's lines,
    # where the next template bump conflicts with it (tests/test_update.py runs the real thing).
    derived = _derive(
        provider=provider,
        concurrency=concurrency,
        interface=interface,
        storage=storage,
    )

    assert not _uv_keeps_sorted(derived["dependencies"])
    assert not _uv_keeps_sorted(derived["dev_dependencies"])


@pytest.mark.parametrize(
    ("name", "email", "table"),
    [
        ("Ada", "ada@example.com", '{ name = "Ada", email = "ada@example.com" }'),
        ("Ada", "", '{ name = "Ada" }'),
        ("", "ada@example.com", '{ email = "ada@example.com" }'),
    ],
)
def test_author_table(name: str, email: str, table: str) -> None:
    assert context.author_table(name, email) == table


def test_services_only_where_the_storage_needs_a_server() -> None:
    assert _derive(storage="postgres")["storage_service"] == "postgres"
    assert _derive(storage="redis")["storage_test_url_env"] == "TEST_REDIS_URL"
    assert _derive(storage="sqlite")["storage_service"] is None
    assert _derive(storage="none")["storage_url"] == "memory://"


def test_the_hook_waits_for_the_answers() -> None:
    hook = context.ContextUpdater(jinja2.Environment(autoescape=True))
    asking: dict[str, Any] = {"_copier_phase": "prompt", "project_name": "X"}
    rendering: dict[str, Any] = {
        "_copier_phase": "render",
        "_copier_conf": {"data": {}, "src_path": TEMPLATE, "vcs_ref_hash": "0" * 40},
        "_copier_answers": {"_src_path": "gh:acme/copier-agent", "_commit": "v1.2.0"},
        **BASE_ANSWERS,
    }

    hook.hook(asking)
    hook.hook(rendering)

    assert "env_prefix" not in asking
    assert rendering["env_prefix"] == "SUPPORT_TRIAGE_"
    assert rendering["conventions_spec"] == "git+https://github.com/acme/copier-agent.git@v1.2.0"


def test_the_hook_lets_migrations_run_before_the_answers_are_read() -> None:
    # `before` migrations are rendered with no answers in the context yet (copier's update).
    hook = context.ContextUpdater(jinja2.Environment(autoescape=True))
    before: dict[str, Any] = {"_copier_phase": "migrate", "_stage": "before"}
    after: dict[str, Any] = {"_copier_phase": "migrate", "_stage": "after", **BASE_ANSWERS}

    hook.hook(before)
    hook.hook(after)

    assert "env_prefix" not in before
    assert after["env_prefix"] == "SUPPORT_TRIAGE_"


def test_tool_versions_match_the_template_environment() -> None:
    pyproject = tomllib.loads((TEMPLATE / "pyproject.toml").read_text(encoding="utf-8"))
    pins = dict(requirement.split("==") for requirement in pyproject["dependency-groups"]["dev"])
    for tool, version in context.TOOL_VERSIONS.items():
        assert pins[tool] == version, tool


def test_every_choice_has_its_table_entry() -> None:
    from conftest import choices  # noqa: PLC0415 - conftest is only importable under pytest

    assert set(choices("provider")) == set(context.PROVIDERS)
    assert set(choices("storage")) == set(context.STORAGES)
    assert set(choices("python_version")) == set(context.PYTHON_VERSIONS)


# --- unasync.py ----------------------------------------------------------------------------------

ASYNC_SOURCE = """\
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import aiosqlite
from redis.asyncio import Redis


@asynccontextmanager
async def connect(pool: AsyncConnectionPool, script: AsyncScript) -> AsyncIterator[Redis]:
    lock: asyncio.Lock = asyncio.Lock()
    connection: AsyncConnection
    async with pool.connection() as connection:
        await connection.execute("SELECT 1")
        awaited = await_me  # a name that merely starts with "await" stays
        yield Redis()
    await asyncio.sleep(0.1)
    await pool.aclose()
"""

SYNC_SOURCE = """\
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import sqlite3
from redis import Redis


@contextmanager
def connect(pool: ConnectionPool, script: Script) -> Iterator[Redis]:
    lock: threading.Lock = threading.Lock()
    connection: Connection
    with pool.connection() as connection:
        connection.execute("SELECT 1")
        awaited = await_me  # a name that merely starts with "await" stays
        yield Redis()
    time.sleep(0.1)
    pool.close()
"""


def test_unasync_turns_the_async_module_into_its_sync_twin() -> None:
    converted, used = unasync.unasync_source(ASYNC_SOURCE)

    assert converted == SYNC_SOURCE
    assert "await" in used


def test_unasync_leaves_an_async_project_alone() -> None:
    assert unasync.unasync(ASYNC_SOURCE, enabled=False) == ASYNC_SOURCE
    assert unasync.unasync(ASYNC_SOURCE, enabled=True) == SYNC_SOURCE


def test_unasync_sorts_imported_names_as_ruff_does() -> None:
    converted, _ = unasync.unasync_source(
        "from x import AsyncIterator, CONSTANT, Callable, helper\n"
    )

    assert converted == "from x import CONSTANT, Callable, Iterator, helper\n"


def test_every_unasync_rule_is_used_by_a_template() -> None:
    # As in httpcore's unasync script: a rule that nothing uses any more is a rule to delete.
    used: set[str] = set()
    for path in (TEMPLATE / "template").rglob("*.jinja"):
        source = path.read_text(encoding="utf-8")
        if "unasync(" in source:
            used |= unasync.unasync_source(source)[1]
    assert used == {source for source, _ in unasync.RULES}


def test_the_non_ascii_letters_of_name_and_description_are_allowed_confusables() -> None:
    # Found by tests/test_names.py: a project named "A" and a multiplication sign became that
    # title in web/app.py, and ruff's RUF001 refused the sign. The project allows the characters
    # it was named with (written escaped here, where this repository's own ruff reads them).
    derived = _derive(
        project_name="A\u00d7 Caf\u00e9", description="\u0410\u0433\u0435\u043d\u0442"
    )

    assert derived["allowed_confusables"] == sorted("\u00d7\u00e9\u0410\u0433\u0435\u043d\u0442")
    assert _derive()["allowed_confusables"] == []
