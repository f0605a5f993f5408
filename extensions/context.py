"""Values derived from the answers, computed once in Python and used by name in the templates.

Templates never re-derive anything: ``{{ env_prefix }}``, ``{{ is_async }}`` and
``{{ dependencies }}`` come from ``derive()`` below, which the unit tests exercise directly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from copier.errors import UserMessageError
from copier_template_extensions import ContextHook

if TYPE_CHECKING:
    from collections.abc import Mapping
    from types import ModuleType

    from jinja2 import Environment


def _load(relative: str, name: str) -> ModuleType:
    """A module of the template's checkout, loaded by path.

    Copier loads this file from a checkout of the template, where the conventions plugin's
    source (the organisation's standards) and the other extensions are beside it, but runs in an
    environment without the plugin, and loads extensions by path, not as a package. The file is
    executed afresh each time, never taken from ``sys.modules``: `copier update` renders two
    versions of the template in one process, and each must use its own.
    """
    path = Path(__file__).resolve().parents[1] / relative
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:  # pragma: no cover - the file is part of the template
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if TYPE_CHECKING:
    from copier_agent_conventions import standards
    from extensions import answers as answer_rules
else:
    standards = _load("src/copier_agent_conventions/standards.py", "copier_agent_standards")
    # The answers' rules read the template's tests: the helper modules they import come from there.
    answer_rules = _load("extensions/answers.py", "copier_agent_answers")

# The newest Python the generated projects are tested on; CI tests from the minimum up to it.
NEWEST_PYTHON = "3.13"
PYTHON_VERSIONS = standards.PYTHON_VERSIONS

# Tools the generated repositories run: the Dockerfile's uv, and the copier that the scheduled
# template-update job runs. The template's own tests check these match its pyproject.toml pins.
TOOL_VERSIONS = {"uv": "0.13.9", "copier": "9.19.1", "copier-template-extensions": "0.3.4"}

# Every version range a generated project declares (see standards.py: the conventions plugin
# checks projects against the same table).
VERSIONS = standards.VERSIONS
UNBOUNDED = standards.UNBOUNDED


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
        # The password is compose.yaml's local-only one, so that the defaults work together.
        "postgresql://postgres:postgres@localhost:5432/{package}",
        ("psycopg[binary]", "psycopg-pool"),
        ("psycopg[binary]", "psycopg-pool"),
        service="postgres",
        test_url_env="TEST_POSTGRES_URL",
        # Tests get a database of their own (compose.yaml creates `test`), never the
        # development one; a server that trusts local connections ignores the password.
        test_url_default="postgresql://postgres:postgres@127.0.0.1:5432/test",
        compose_url="postgresql://postgres:postgres@postgres:5432/{package}",
        compose_test_url="postgresql://postgres:postgres@127.0.0.1:5432/test",
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
        # Database 1: the tests' keys stay out of the development data in database 0.
        compose_test_url="redis://127.0.0.1:6379/1",
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


def ruff_rule_lines(rules: dict[str, str]) -> list[str]:
    """TOML list items for ruff rules, each with its reason as an aligned comment."""
    width = max(len(code) for code in rules) + 5  # the quotes, the comma and two spaces
    return [f'"{code}",'.ljust(width) + f"# {reason}" for code, reason in rules.items()]


def rule_codes(answer: str) -> list[str]:
    """``"PLC, FURB"`` -> ``["PLC", "FURB"]``: the extra ruff rules as the question takes them."""
    return [code for code in re.split(r"[\s,]+", answer) if code]


def git_source(source: str) -> str:
    """The template's source (``.copier-answers.yml`` ``_src_path``) as a git URL for pip/uv.

    ``gh:org/repo`` -> ``https://github.com/org/repo.git``; ``git@host:org/repo`` ->
    ``ssh://git@host/org/repo``; a local checkout -> ``file:///path``.
    """
    for prefix, base in standards.GIT_SHORTHANDS.items():
        if source.startswith(prefix):
            return f"{base}{source.removeprefix(prefix).removesuffix('.git')}.git"
    scp = re.fullmatch(r"(?P<user>[\w.-]+)@(?P<host>[\w.-]+):(?P<path>[^/].*)", source)
    if scp:
        return f"ssh://{scp['user']}@{scp['host']}/{scp['path']}"
    if "://" in source:
        return source
    return Path(source).expanduser().resolve().as_uri()


def release_ref(commit: str, commit_hash: str) -> str:
    """The ref to pin the template at: its release tag when rendered from one, else the hash.

    Copier records ``git describe`` in ``_commit``: ``v1.2.0`` for a release, ``v1.2.0-3-gabc``
    after one, a bare abbreviated hash where there is no tag.
    """
    release = re.fullmatch(r"v?\d+(\.\d+)+([.-]?(a|b|rc|post|dev)\d*)*", commit)
    return commit if release else commit_hash


def conventions(answers: dict[str, Any], commit_hash: str) -> dict[str, str]:
    """How a generated project runs the conventions plugin of the template it came from."""
    recorded = answers.get("_copier_answers") or {}
    source = git_source(str(recorded.get("_src_path", "")))
    ref = release_ref(str(recorded.get("_commit", "")), commit_hash)
    return {
        # For pre-commit, which clones the repository itself.
        "conventions_repo": source,
        "conventions_rev": ref,
        # For `uvx --from`, which takes a PEP 508 direct reference.
        "conventions_spec": f"git+{source}@{ref}",
    }


def allowed_confusables(*texts: str) -> list[str]:
    """The non-ASCII characters of ``texts``, for ruff's ``allowed-confusables``.

    The project's name and description land in its Python sources (a title, a docstring). Ruff
    flags characters there that look like ASCII ones (RUF001-RUF003: the multiplication sign,
    Cyrillic letters); in a name people chose they are meant, so the project allows exactly the
    ones it uses.
    """
    return sorted({char for text in texts for char in text if not char.isascii()})


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
    # Model Context Protocol servers' tools (MCP_SERVERS); imported only when some are set.
    runtime += ["mcp"]
    # OpenTelemetry: the API the code records with; the SDK and the OTLP/HTTP exporter, loaded
    # only when telemetry is switched on; Prometheus's format for a service's `GET /metrics`.
    runtime += ["opentelemetry-api", "opentelemetry-sdk", "opentelemetry-exporter-otlp-proto-http"]
    runtime += ["fastapi", "uvicorn", "opentelemetry-exporter-prometheus"] if is_web else []
    runtime += storage.async_drivers if is_async else storage.sync_drivers
    # In the order CI runs them: lint, types, tests (unsorted for the same reason).
    dev = ["ruff", "mypy", "pytest", "pytest-cov"]
    dev += ["pytest-asyncio"] if is_async else []
    # The evals (`eval`): a development tool, imported only by that command, never deployed.
    dev += ["pydantic-evals"]
    # The web API's contract test: fuzzes every operation from the OpenAPI document.
    dev += ["schemathesis"] if is_web else []

    minimum = answers["python_version"]
    return {
        "allowed_confusables": allowed_confusables(
            answers["project_name"], answers.get("description", "")
        ),
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
        "ruff_ignore": ruff_rule_lines(standards.RUFF_IGNORE),
        "ruff_per_file_ignores": {
            pattern.format(package=package): ruff_rule_lines(rules)
            for pattern, rules in standards.RUFF_PER_FILE_IGNORES.items()
        },
        "ruff_extra_rules": rule_codes(answers.get("ruff_extra_rules", "")),
        "coverage_floor": standards.COVERAGE_FLOOR,
        "test_helper_modules": sorted(answer_rules.TEST_HELPERS),
        "newest_python": NEWEST_PYTHON,
        "uv_version": TOOL_VERSIONS["uv"],
        "copier_version": TOOL_VERSIONS["copier"],
        "extensions_version": TOOL_VERSIONS["copier-template-extensions"],
        "author_table": author_table(answers["author_name"], answers["author_email"]),
        "copyright_year": dt.datetime.now(tz=dt.UTC).year,
    }


def absolute_src_path(remembered: Mapping[str, Any]) -> dict[str, Any]:
    """The answers copier records, with a local template path made absolute.

    ``copier copy . ../project`` records ``_src_path: .``, which ``copier update`` and
    ``check-update`` then look for from inside the project, and fail ("Unknown revision"). Copier
    resolves a relative path against the directory it runs in, and so does this. URLs and other
    sources that are not a local directory (``gh:org/repo``) are recorded as they are.
    """
    source = remembered.get("_src_path")
    if not isinstance(source, str):
        return dict(remembered)
    path = Path(source).expanduser()
    if path.is_absolute() or not path.is_dir():
        return dict(remembered)
    return {**remembered, "_src_path": str(path.resolve())}


def project_has(project: str | Path, name: str) -> bool:
    """Whether the rendered project holds ``name`` (after-copy message: did a task succeed?)."""
    return (Path(project) / name).exists()


@functools.cache
def questions(template_root: str) -> tuple[str, ...]:
    """The questions ``copier.yml`` asks, in order (settings, which start with ``_``, left out)."""
    settings = yaml.safe_load((Path(template_root) / "copier.yml").read_text(encoding="utf-8"))
    return tuple(name for name in settings if not name.startswith("_"))


def current_operation() -> str:
    """``copy`` or ``update``: the command copier is running (``copy`` if it cannot tell).

    Copier keeps it in a context variable of its own module (9.19); it is read here because
    the render context does not carry it.
    """
    try:
        from copier._main import _operation  # noqa: PLC0415 - a private name, read lazily
    except ImportError:  # pragma: no cover - another copier: check as for a copy
        return "copy"
    return str(_operation.get("copy"))


def unknown_data_keys(data: dict[str, Any], template_root: object, operation: str) -> None:
    """Refuse answers (``--data``, ``--data-file``) for questions the template does not ask.

    Copier keeps such keys quietly and records nothing of them, so a misspelt key in an
    organisation's preset (``licence: Apache-2.0``) would leave the default in place unnoticed.
    Only a copy is checked: an update passes the project's recorded answers on as data, and
    those may name a question a newer release no longer asks.

    Raises:
        UserMessageError: a key is not a question; the message lists the valid ones.
    """
    if operation != "copy":
        return
    asked = questions(str(template_root))
    unknown = sorted(key for key in data if not key.startswith("_") and key not in asked)
    if unknown:
        raise UserMessageError(
            f"Not questions of this template: {', '.join(unknown)}. "
            f"Valid keys for --data and --data-file: {', '.join(asked)}."
        )


class ContextUpdater(ContextHook):
    """Adds the derived values to the rendering context, and the filters copier.yml needs."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        # Copier builds a context for every path part and file it renders (600 in a project),
        # and the answers are the same in all of them: derive once per set of answers.
        self._derived: dict[str, dict[str, Any]] = {}
        environment.filters["default_model"] = default_model
        environment.filters["absolute_src_path"] = absolute_src_path
        environment.filters["project_has"] = project_has

    def hook(self, context: dict[str, Any]) -> None:
        """Derive once the answers are complete (not while questions are still being asked)."""
        phase = context.get("_copier_phase")
        if phase in {"render", "tasks"}:
            configuration = context["_copier_conf"]
            operation = current_operation()
            asked = questions(str(configuration["src_path"]))
            key = repr(
                (
                    [context.get(name) for name in asked],
                    context.get("_copier_answers"),
                    configuration["vcs_ref_hash"],
                    configuration["data"],
                    operation,
                ),
            )
            if (derived := self._derived.get(key)) is None:
                unknown_data_keys(configuration["data"], configuration["src_path"], operation)
                derived = derive(context)
                commit = str(configuration["vcs_ref_hash"] or "")
                derived |= conventions({**context, **derived}, commit)
                self._derived[key] = derived
            context.update(derived)
        elif phase == "migrate":
            # Commands of `before` migrations are rendered before the new release has read the
            # answers: they get neither answers nor derived values (copier.yml uses none there).
            with contextlib.suppress(KeyError):
                context.update(derive(context))
