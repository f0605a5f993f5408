"""Values derived from the answers, computed once in Python and used by name in the templates.

Templates never re-derive anything: ``{{ env_prefix }}``, ``{{ is_async }}`` and
``{{ dependencies }}`` come from ``derive()`` below, which the unit tests exercise directly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from copier_template_extensions import ContextHook

if TYPE_CHECKING:
    from jinja2 import Environment

# The newest Python the generated projects are tested on; CI tests from the minimum up to it.
NEWEST_PYTHON = "3.13"
PYTHON_VERSIONS = ("3.11", "3.12", "3.13")

# Tools the generated repositories run: the Dockerfile's uv, and the copier that the scheduled
# template-update job runs. The template's own tests check these match its pyproject.toml pins.
TOOL_VERSIONS = {"uv": "0.13.9", "copier": "9.19.1", "copier-template-extensions": "0.3.4"}

# Every version range a generated project declares, in one place. Lower bounds are the versions
# the template is tested with; upper bounds stop at the next major (minor for 0.x) release,
# except for data packages (UNBOUNDED), whose every release is compatible by design.
VERSIONS = {
    "aiosqlite": ">=0.22,<0.23",
    "anthropic": ">=2.12,<3",
    "fastapi": ">=0.165,<0.166",
    "httpx2": ">=2.16,<3",
    "mypy": ">=2.4,<3",
    "openai": ">=3.54,<4",
    "psycopg[binary]": ">=3.3,<4",
    "psycopg-pool": ">=3.3,<4",
    "pydantic": ">=2.14,<3",
    "pydantic-settings": ">=2.16,<3",
    "pytest": ">=9.2,<10",
    "pytest-asyncio": ">=1.5,<2",
    "pytest-cov": ">=7.1,<8",
    "redis": ">=8.1,<9",
    "ruff": ">=0.17.6,<0.18",
    "structlog": ">=26.1,<27",
    "typer": ">=0.29,<0.30",
    "tzdata": ">=2026.6",
    "uvicorn": ">=0.54,<0.55",
}
UNBOUNDED = frozenset({"tzdata"})


@dataclass(frozen=True)
class Provider:
    """What the template needs to know about one provider choice."""

    label: str
    sdk: str
    api_key_env: str
    default_model: str
    default_base_url: str
    # Local servers (Ollama, vLLM) accept any key, so one is not required to start.
    key_required: bool


PROVIDERS = {
    "anthropic": Provider(
        "Anthropic",
        "anthropic",
        "ANTHROPIC_API_KEY",
        "claude-sonnet-5-5",
        "",
        key_required=True,
    ),
    "openai": Provider("OpenAI", "openai", "OPENAI_API_KEY", "gpt-5.5", "", key_required=True),
    "openai_compatible": Provider(
        "OpenAI-compatible server",
        "openai",
        "OPENAI_API_KEY",
        "llama3.2",
        "http://localhost:11434/v1",
        key_required=False,
    ),
}


@dataclass(frozen=True)
class Storage:
    """What the template needs to know about one storage choice."""

    label: str
    module: str  # the backend's module under storage/, and its class
    class_name: str
    # `{slug}` and `{package}` are filled in from the answers.
    default_url: str
    async_drivers: tuple[str, ...]
    sync_drivers: tuple[str, ...]
    # A server the project needs: its compose service and the variable the tests read its URL from.
    service: str | None = None
    test_url_env: str | None = None
    test_url_default: str | None = None
    compose_url: str | None = None
    compose_test_url: str | None = None


STORAGES = {
    "none": Storage(
        "memory (for the life of the process)", "memory", "MemoryStore", "memory://", (), ()
    ),
    "sqlite": Storage(
        "SQLite", "sqlite", "SqliteStore", "sqlite:///data/{slug}.sqlite3", ("aiosqlite",), ()
    ),
    "postgres": Storage(
        "PostgreSQL",
        "postgres",
        "PostgresStore",
        "postgresql://postgres@localhost:5432/{package}",
        ("psycopg[binary]", "psycopg-pool"),
        ("psycopg[binary]", "psycopg-pool"),
        service="postgres",
        test_url_env="TEST_POSTGRES_URL",
        test_url_default="postgresql://postgres@127.0.0.1:5432/test",
        compose_url="postgresql://postgres:postgres@postgres:5432/{package}",
        compose_test_url="postgresql://postgres:postgres@127.0.0.1:5432/{package}",
    ),
    "redis": Storage(
        "Redis",
        "redis",
        "RedisStore",
        "redis://localhost:6379/0",
        ("redis",),
        ("redis",),
        service="redis",
        test_url_env="TEST_REDIS_URL",
        test_url_default="redis://127.0.0.1:6379/0",
        compose_url="redis://redis:6379/0",
        compose_test_url="redis://127.0.0.1:6379/0",
    ),
}


def requirement(name: str) -> str:
    """A PEP 508 requirement with the template's tested range: ``pydantic>=2.14,<3``."""
    return f"{name}{VERSIONS[name]}"


def default_model(provider: str) -> str:
    """The model a new project starts with, per provider."""
    return PROVIDERS[provider].default_model


def camel_case(package_name: str) -> str:
    """``support_triage_agent`` -> ``SupportTriageAgent`` (class names such as the root error)."""
    return "".join(part.capitalize() for part in package_name.split("_") if part)


def author_table(name: str, email: str) -> str:
    """The TOML inline table for ``[project] authors``, or ``""`` when both are empty."""
    fields = [f'{key} = "{value}"' for key, value in (("name", name), ("email", email)) if value]
    return "{ " + ", ".join(fields) + " }" if fields else ""


def derive(answers: dict[str, Any]) -> dict[str, Any]:
    """Compute every value the templates use beyond the raw answers."""
    provider = PROVIDERS[answers["provider"]]
    storage = STORAGES[answers["storage"]]
    is_async = answers["concurrency"] == "async"
    is_web = answers["interface"] == "web"
    slug, package = answers["project_slug"], answers["package_name"]

    # Listed by layer, never sorted: `uv add` inserts into a sorted list in order, next to the
    # template's lines (where a template bump then conflicts with it), but appends to any other
    # list, below the template's block. The first layers (pydantic, structlog, then the SDK)
    # keep every combination out of order.
    runtime = ["pydantic", "pydantic-settings", "structlog", provider.sdk, "httpx2", "typer"]
    # The time-zone database for zoneinfo, where the system has none (slim container images).
    runtime += ["tzdata"]
    runtime += ["fastapi", "uvicorn"] if is_web else []
    runtime += storage.async_drivers if is_async else storage.sync_drivers
    # In the order CI runs them: lint, types, tests (unsorted for the same reason).
    dev = ["ruff", "mypy", "pytest", "pytest-cov"]
    dev += ["pytest-asyncio"] if is_async else []

    minimum = answers["python_version"]
    return {
        "is_async": is_async,
        "is_sync": not is_async,
        "is_web": is_web,
        "is_cli": not is_web,
        "env_prefix": f"{package.upper()}_",
        "class_prefix": camel_case(package),
        "root_error": f"{camel_case(package)}Error",
        "provider_label": provider.label,
        "provider_sdk": provider.sdk,
        "api_key_env": provider.api_key_env,
        "api_key_required": provider.key_required,
        "default_base_url": provider.default_base_url,
        "storage_label": storage.label,
        "store_module": storage.module,
        "store_class": storage.class_name,
        "storage_url": storage.default_url.format(slug=slug, package=package),
        "storage_service": storage.service,
        "storage_test_url_env": storage.test_url_env,
        "storage_test_url_default": storage.test_url_default,
        "storage_compose_url": (storage.compose_url or "").format(slug=slug, package=package),
        "storage_compose_test_url": (storage.compose_test_url or "").format(package=package),
        "dependencies": [requirement(name) for name in runtime],
        "dev_dependencies": [requirement(name) for name in dev],
        "python_versions": list(PYTHON_VERSIONS[PYTHON_VERSIONS.index(minimum) :]),
        "python_target": "py" + minimum.replace(".", ""),
        "newest_python": NEWEST_PYTHON,
        "uv_version": TOOL_VERSIONS["uv"],
        "copier_version": TOOL_VERSIONS["copier"],
        "extensions_version": TOOL_VERSIONS["copier-template-extensions"],
        "author_table": author_table(answers["author_name"], answers["author_email"]),
        "copyright_year": dt.datetime.now(tz=dt.UTC).year,
    }


class ContextUpdater(ContextHook):
    """Adds the derived values to the rendering context, and the filters copier.yml needs."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters["default_model"] = default_model

    def hook(self, context: dict[str, Any]) -> None:
        """Derive once the answers are complete (not while questions are still being asked)."""
        phase = context.get("_copier_phase")
        if phase in {"render", "tasks"}:
            context.update(derive(context))
        elif phase == "migrate":
            # Commands of `before` migrations are rendered before the new release has read the
            # answers: they get neither answers nor derived values (copier.yml uses none there).
            with contextlib.suppress(KeyError):
                context.update(derive(context))
