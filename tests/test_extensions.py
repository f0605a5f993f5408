"""Unit tests of the Jinja extensions: answer rules, derived context, and the unasync filter."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import jinja2
import pytest
from conftest import TEMPLATE

from extensions import answers, context, unasync

BASE_ANSWERS = {
    "project_name": "Support Triage Agent",
    "project_slug": "support-triage-agent",
    "package_name": "support_triage",
    "author_name": "",
    "author_email": "",
    "python_version": "3.12",
    "provider": "anthropic",
    "concurrency": "async",
    "interface": "cli",
    "storage": "sqlite",
}


def _derive(**overrides: Any) -> dict[str, Any]:  # noqa: ANN401 - answers are of any type
    return context.derive({**BASE_ANSWERS, **overrides})


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[]", requirement)[0] for requirement in requirements}


# --- answers.py ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Support Triage Agent", "support-triage-agent"),
        ("  Ünïcödé   Agent!! ", "unicode-agent"),
        ("R2-D2 / C-3PO", "r2-d2-c-3po"),
        ("???", ""),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert answers.slugify(name) == slug
    assert answers.identifier(slug) == slug.replace("-", "_")


@pytest.mark.parametrize("name", ["my_agent", "agent2", "a", "x" * 40])
def test_good_package_names(name: str) -> None:
    assert answers.package_name_error(name) == ""


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("class", "is a Python keyword"),
        ("logging", "standard library"),
        ("asyncio", "standard library"),
        ("pydantic", "dependency"),
        ("fastapi", "dependency"),
        ("My_Agent", "not a valid package name"),
        ("_private", "not a valid package name"),
        ("2fast", "not a valid package name"),
        ("my-agent", "not a valid package name"),
        ("x" * 41, "keep it to 40"),
    ],
)
def test_bad_package_names(name: str, fragment: str) -> None:
    assert fragment in answers.package_name_error(name)


@pytest.mark.parametrize("slug", ["my-agent", "agent", "a1-b2"])
def test_good_slugs(slug: str) -> None:
    assert answers.project_slug_error(slug) == ""


@pytest.mark.parametrize(
    "slug", ["My-Agent", "my--agent", "-agent", "agent-", "my_agent", "1agent", ""]
)
def test_bad_slugs(slug: str) -> None:
    assert "is not a valid project slug" in answers.project_slug_error(slug)


@pytest.mark.parametrize("email", ["", "ada@example.com", "team+agents@corp.example.co.uk"])
def test_good_emails(email: str) -> None:
    assert answers.author_email_error(email) == ""


@pytest.mark.parametrize("email", ["ada", "ada@", "@example.com", "ada@example", "a b@example.com"])
def test_bad_emails(email: str) -> None:
    assert "is not an e-mail address" in answers.author_email_error(email)


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


def test_derived_names() -> None:
    derived = _derive()

    assert derived["env_prefix"] == "SUPPORT_TRIAGE_"
    assert derived["root_error"] == "SupportTriageError"
    assert derived["storage_url"] == "sqlite:///data/support-triage-agent.sqlite3"
    assert derived["python_versions"] == ["3.12", "3.13"]
    assert derived["python_target"] == "py312"
    assert derived["author_table"] == ""


def test_concurrency_flags() -> None:
    assert _derive(concurrency="async")["is_async"] is True
    assert _derive(concurrency="sync")["is_sync"] is True
    assert _derive(concurrency="sync")["is_async"] is False


@pytest.mark.parametrize(
    ("overrides", "present", "absent"),
    [
        ({}, {"anthropic", "aiosqlite", "typer"}, {"openai", "fastapi", "redis"}),
        ({"concurrency": "sync"}, {"anthropic"}, {"aiosqlite"}),
        (
            {"provider": "openai", "interface": "web"},
            {"openai", "fastapi", "uvicorn"},
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
        bounds = r">=[\d.]+" if name in context.UNBOUNDED else r">=[\d.]+,<[\d.]+"
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
    rendering: dict[str, Any] = {"_copier_phase": "render", **BASE_ANSWERS}

    hook.hook(asking)
    hook.hook(rendering)

    assert "env_prefix" not in asking
    assert rendering["env_prefix"] == "SUPPORT_TRIAGE_"


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
