"""Rules for the answers to copier.yml: derived defaults and validators.

Copier validators are Jinja expressions that render to an error message, or to nothing when the
answer is good. The rules live here, in Python, and copier.yml calls them through filters
(``{{ package_name | package_name_error }}``), so that each rule is worded once and unit-tested.
Copier (>= 9.19) runs them on every answer: typed at the prompt, passed with ``--data``, or taken
as a default. A failing answer stops the copy before anything is written.
"""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata
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
        "ast_serialize",
        "anthropic",
        "anyio",
        "certifi",
        "click",
        "coverage",
        "distro",
        "docstring_parser",
        "dotenv",
        "fastapi",
        "h11",
        "httpcore",
        "httpcore2",
        "httpx",
        "httpx2",
        "idna",
        "iniconfig",
        "jiter",
        "librt",
        "markdown_it",
        "mdurl",
        "mypy",
        "mypy_extensions",
        "mypyc",
        "openai",
        "opentelemetry",
        "packaging",
        "pathspec",
        "pluggy",
        "psycopg",
        "py",
        "psycopg_binary",
        "psycopg_pool",
        "pydantic",
        "pydantic_core",
        "pydantic_settings",
        "pygments",
        "pytest",
        "pytest_asyncio",
        "pytest_cov",
        "redis",
        "rich",
        "ruff",
        "shellingham",
        "sniffio",
        "stamina",
        "starlette",
        "structlog",
        "tenacity",
        "truststore",
        "typer",
        "typing_extensions",
        "typing_inspection",
        "tzdata",
        "uvicorn",
    }
)

_SLUG = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
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
    """Turn a distribution name into an import name: ``support-agent`` -> ``support_agent``."""
    return slug.replace("-", "_")


def _length_error(what: str, value: str, limit: int) -> str:
    if len(value) > limit:
        return f"{what} is {len(value)} characters long; keep it to {limit} or fewer."
    return ""


def _one_line_error(what: str, value: str, limit: int) -> str:
    """Shared rule for free text that lands in pyproject.toml, README and docstrings."""
    if error := _length_error(what, value, limit):
        return error
    if any(unicodedata.category(char).startswith("C") for char in value):
        return f"{what} must be a single line without control characters."
    if '"' in value or "\\" in value:
        return f'{what} must not contain double quotes (") or backslashes (\\).'
    return ""


def project_name_error(value: str) -> str:
    """Validate the human project name; return the message to show, or ``""``."""
    if not value.strip():
        return "The project name cannot be empty: it titles the README and names the package."
    if error := _one_line_error("The project name", value, MAX_PROJECT_NAME):
        return error
    if not slugify(value)[:1].isalpha():
        return (
            f"{value!r} must start with a letter and contain ASCII letters or digits, "
            "so that a package name can be made from it."
        )
    return ""


def project_slug_error(value: str) -> str:
    """Validate the distribution (and repository) name."""
    if not _SLUG.fullmatch(value):
        example = slugify(value) or "my-agent"
        return (
            f"{value!r} is not a valid project slug: use lowercase ASCII letters, digits and "
            f"single hyphens, starting with a letter (for example {example!r})."
        )
    return _length_error("The project slug", value, MAX_IDENTIFIER)


def package_name_error(value: str) -> str:
    """Validate the import package name that goes under ``src/``."""
    if not _PACKAGE.fullmatch(value):
        example = identifier(slugify(value)) or "my_agent"
        return (
            f"{value!r} is not a valid package name: use lowercase ASCII letters, digits and "
            f"underscores, starting with a letter (for example {example!r})."
        )
    if error := _length_error("The package name", value, MAX_IDENTIFIER):
        return error
    if keyword.iskeyword(value):
        return (
            f"{value!r} is a Python keyword; `import {value}` would not work. "
            "Choose another package name."
        )
    if value in sys.stdlib_module_names:
        return (
            f"{value!r} is a module of the Python standard library; a package of that name would "
            "shadow it. Choose another package name."
        )
    if value in DEPENDENCY_IMPORT_NAMES:
        return (
            f"{value!r} is the import name of a dependency of the generated project; a package of "
            "that name would shadow it. Choose another package name."
        )
    return ""


def description_error(value: str) -> str:
    """Validate the one-line description."""
    return _one_line_error("The description", value, MAX_LINE)


def author_name_error(value: str) -> str:
    """Validate the author's name (it may be empty)."""
    return _one_line_error("The author name", value, MAX_LINE)


def author_email_error(value: str) -> str:
    """Validate the author's e-mail address (it may be empty)."""
    if value and not _EMAIL.fullmatch(value):
        return (
            f"{value!r} is not an e-mail address: it needs a name, an @ and a domain, "
            "like ada@example.com."
        )
    return ""


def model_error(value: str) -> str:
    """Validate the model identifier sent to the provider."""
    if not _MODEL.fullmatch(value) or len(value) > MAX_IDENTIFIER * 2:
        return (
            f"{value!r} is not a model identifier: use the provider's model id without spaces, "
            "for example claude-sonnet-5-5, gpt-5.5 or llama3.2."
        )
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
