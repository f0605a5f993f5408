"""Rules for the answers to copier.yml: derived defaults and validators.

Copier validators are Jinja expressions that render to an error message, or to nothing when the
answer is good. The rules live here, in Python, and copier.yml calls them through filters
(``{{ package_name | package_name_error }}``), so that each rule is worded once and unit-tested.
Copier (>= 9.19) runs them on every answer: typed at the prompt, passed with ``--data``, or taken
as a default. A failing answer stops the copy before anything is written.
"""

from __future__ import annotations

import builtins
import keyword
import re
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2.ext import Extension

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from jinja2 import Environment

MAX_PROJECT_NAME = 80
MAX_IDENTIFIER = 40
MAX_LINE = 200

# Import names that a generated project's environment installs (runtime, dev and transitive
# dependencies). A package with one of these names would shadow the real module for every
# `import` in the project. The template's own tests compare this set with what a rendered
# project's environment actually holds, so it cannot silently fall behind.
DEPENDENCY_IMPORT_NAMES = frozenset(
    {
        "_pytest",
        "aiosqlite",
        "annotated_doc",
        "annotated_types",
        "anthropic",
        "anyio",
        "ast_serialize",
        "attr",
        "attrs",
        "certifi",
        "cffi",
        "charset_normalizer",
        "click",
        "coverage",
        "cryptography",
        "distro",
        "docstring_parser",
        "dotenv",
        "fastapi",
        "genai_prices",
        "google",
        "graphql",
        "griffe",
        "h11",
        "harfile",
        "httpcore",
        "httpcore2",
        "httpx",
        "httpx2",
        "hypothesis",
        "hypothesis_graphql",
        "idna",
        "iniconfig",
        "jiter",
        "jsonschema",
        "jsonschema_rs",
        "jsonschema_specifications",
        "jwt",
        "librt",
        "logfire_api",
        "markdown_it",
        "markupsafe",
        "mcp",
        "mcp_types",
        "mdurl",
        "multipart",
        "mypy",
        "mypy_extensions",
        "mypyc",
        "openai",
        "opentelemetry",
        "packaging",
        "pathspec",
        "pluggy",
        "prometheus_client",
        "psycopg",
        "psycopg_binary",
        "psycopg_pool",
        "py",
        "pycparser",
        "pydantic",
        "pydantic_ai",
        "pydantic_core",
        "pydantic_evals",
        "pydantic_graph",
        "pydantic_settings",
        "pygments",
        "pyrate_limiter",
        "pytest",
        "pytest_asyncio",
        "pytest_cov",
        "python_multipart",
        "redis",
        "referencing",
        "requests",
        "rich",
        "rpds",
        "ruff",
        "schemathesis",
        "shellingham",
        "sniffio",
        "sortedcontainers",
        "sse_starlette",
        "stamina",
        "starlette",
        "structlog",
        "tenacity",
        "truststore",
        "typer",
        "typing_extensions",
        "typing_inspection",
        "tzdata",
        "urllib3",
        "uvicorn",
        "werkzeug",
        "yaml",
    }
)

# Python's own exception classes: a root error named like one would shadow it in errors.py.
_BUILTIN_ERRORS = frozenset(name for name in dir(builtins) if name.endswith("Error"))

_TEMPLATE = Path(__file__).resolve().parents[1] / "template"


def _template_names() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The project's error classes, its test modules' names, and the test modules tests import.

    Read from the template itself, so a new error class or test module is reserved as soon as
    it is added. ``tests/`` is on ``sys.path`` when the tests run (pytest puts the directory of
    ``conftest.py`` there, and the tests import their helpers from it), so a package named like
    one of its modules would be shadowed by it, and mypy would see two modules of one name. The
    modules the tests import (their helpers: ``conftest``, ``mcp_server``...) get an isort
    section of their own in the project's ruff settings (through ``context.py``).
    """
    classes: set[str] = set()
    for path in (_TEMPLATE / "src").rglob("*.py*"):
        text = path.read_text(encoding="utf-8")
        classes.update(re.findall(r"^class (\w+Error)\b", text, re.MULTILINE))
    tests = [path for path in (_TEMPLATE / "tests").iterdir() if path.is_file()]
    modules = {
        match.group(1) for path in tests if (match := re.search(r"\b(\w+)\.py\b", path.name))
    }
    imported = {
        name
        for path in tests
        for name in re.findall(
            r"^\s*(?:from|import) (\w+)\b",
            path.read_text(encoding="utf-8"),
            re.MULTILINE,
        )
    }
    return frozenset(classes), frozenset(modules), frozenset(modules & imported)


PROJECT_ERROR_CLASSES, TEST_MODULES, TEST_HELPERS = _template_names()

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PACKAGE = re.compile(r"[a-z][a-z0-9_]*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_MODEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/@-]*")
_INDEX_URL = re.compile(r"https?://[^\s/]+(/\S*)?")
_RUFF_RULE = re.compile(r"[A-Z]+[0-9]*")


def slugify(text: str) -> str:
    """Turn a human name into a distribution name: ``Support Agent!`` -> ``support-agent``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def identifier(slug: str) -> str:
    """Turn a distribution name into an import name: ``support-agent`` -> ``support_agent``.

    An import name must start with a letter, so leading words that start with a digit are left
    out: ``3d-printer-agent`` -> ``printer_agent``. The slug (the command, the distribution)
    keeps them.
    """
    words = slug.split("-")
    while words and not words[0][:1].isalpha():
        words.pop(0)
    return "_".join(words)


def root_error(package_name: str) -> str:
    """The generated package's root exception: ``support_agent`` -> ``SupportAgentError``.

    The same rule as ``context.camel_case``, which names the class; a test holds them together.
    """
    return "".join(part.capitalize() for part in package_name.split("_") if part) + "Error"


# Copier shows a refused answer as "Validation error for question '<name>': <message>" on one
# line that the terminal cuts. Each message fits 80 columns with that prefix (the tests check it);
# the question's help text in copier.yml gives the detail.


def _length_error(value: str, limit: int) -> str:
    if len(value) > limit:
        return f"{len(value)} characters; {limit} at most."
    return ""


def _one_line_error(value: str, limit: int) -> str:
    """Shared rule for free text that lands in pyproject.toml, README and docstrings."""
    if error := _length_error(value, limit):
        return error
    if any(unicodedata.category(char).startswith("C") for char in value):
        return "One line, no control characters."
    if '"' in value or "\\" in value:
        return "No double quotes or backslashes."
    return ""


def project_name_error(value: str) -> str:
    """Validate the human project name; return the message to show, or ``""``."""
    if not value.strip():
        return "Enter a name."
    if error := _one_line_error(value, MAX_PROJECT_NAME):
        return error
    if not slugify(value):
        return "Needs ASCII letters or digits."
    if not identifier(slugify(value)):
        return "Needs a word starting with a-z."
    return ""


def project_slug_error(value: str) -> str:
    """Validate the distribution (and repository, and command) name."""
    if not _SLUG.fullmatch(value):
        return "Use a-z, 0-9 and single hyphens."
    if error := _length_error(value, MAX_IDENTIFIER):
        return error
    # A project named like a dependency cannot depend on it, and its command would replace the
    # dependency's own (``pytest``, ``ruff``, ``uvicorn`` ...) in the environment.
    if value.replace("-", "_") in DEPENDENCY_IMPORT_NAMES:
        return "A dependency has this name."
    return ""


def package_name_error(value: str) -> str:  # noqa: PLR0911 - one return per rule, in order
    """Validate the import package name that goes under ``src/``."""
    if not _PACKAGE.fullmatch(value):
        return "Use a-z, 0-9 and _, from a letter."
    if error := _length_error(value, MAX_IDENTIFIER):
        return error
    if keyword.iskeyword(value):
        return "A Python keyword."
    if value in sys.stdlib_module_names:
        return "Shadows a standard library module."
    if value in DEPENDENCY_IMPORT_NAMES:
        return "Shadows a dependency's module."
    if value in TEST_MODULES:
        return "Shadows a module of the tests."
    if root_error(value) in _BUILTIN_ERRORS | PROJECT_ERROR_CLASSES:
        return "Its error class name is taken."
    return ""


def description_error(value: str) -> str:
    """Validate the one-line description."""
    return _one_line_error(value, MAX_LINE)


def author_name_error(value: str) -> str:
    """Validate the author's name (it may be empty)."""
    return _one_line_error(value, MAX_LINE)


def author_email_error(value: str) -> str:
    """Validate the author's e-mail address (it may be empty)."""
    if value and not _EMAIL.fullmatch(value):
        return "Like ada@example.com, or empty."
    return ""


def model_error(value: str) -> str:
    """Validate the model identifier sent to the provider."""
    if not _MODEL.fullmatch(value) or len(value) > MAX_IDENTIFIER * 2:
        return "Use the model id, without spaces."
    return ""


def package_index_url_error(value: str) -> str:
    """Validate the organisation's package index URL (it may be empty: PyPI)."""
    if value and not _INDEX_URL.fullmatch(value):
        return (
            f"{value!r} is not a package index URL: use an http(s) URL of a PEP 503 simple index, "
            "like https://pypi.example.com/simple."
        )
    return ""


def ruff_extra_rules_error(value: str) -> str:
    """Validate the extra ruff rules: codes or prefixes such as ``PLC`` or ``FURB101``."""
    bad = [code for code in re.split(r"[\s,]+", value) if code and not _RUFF_RULE.fullmatch(code)]
    if bad:
        return (
            f"{', '.join(map(repr, bad))}: not ruff rule codes. Use codes or prefixes, "
            "separated by spaces, like 'PLC FURB101'."
        )
    return ""


# Question name -> rule; copier.yml calls each through the filter ``<question>_error``.
VALIDATORS: Mapping[str, Callable[[str], str]] = {
    "project_name": project_name_error,
    "project_slug": project_slug_error,
    "package_name": package_name_error,
    "description": description_error,
    "author_name": author_name_error,
    "author_email": author_email_error,
    "model": model_error,
    "package_index_url": package_index_url_error,
    "ruff_extra_rules": ruff_extra_rules_error,
}


class AnswersExtension(Extension):
    """Registers the filters copier.yml uses for defaults and validators."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters["slugify"] = slugify
        environment.filters["identifier"] = identifier
        environment.filters.update({f"{name}_error": rule for name, rule in VALIDATORS.items()})
