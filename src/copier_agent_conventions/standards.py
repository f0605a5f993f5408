"""The organisation's standards: what the template generates and what the plugin checks.

One table, two readers. The template's Jinja extension (``extensions/context.py``) loads this
file by path to render a project's dependency ranges and ruff configuration; the repo-review
plugin imports it to check a repository against the same values. So a project the template
generates passes the checks by construction, and a change here moves both at once.

Standard library only: copier loads this file outside any environment that has the plugin.
"""

from __future__ import annotations

# Copier's shorthands for hosted repositories (`gh:org/repo` in `_src_path`), as git URLs.
GIT_SHORTHANDS = {"gh:": "https://github.com/", "gl:": "https://gitlab.com/"}

# The Python versions generated projects support; the first is the organisation's floor.
PYTHON_VERSIONS = ("3.11", "3.12", "3.13")
PYTHON_FLOOR = PYTHON_VERSIONS[0]

# Every version range a generated project declares, in one place. Lower bounds are the versions
# the template is tested with; upper bounds stop at the next major (minor for 0.x) release,
# except for data packages (UNBOUNDED), whose every release is compatible by design.
VERSIONS = {
    "aiosqlite": ">=0.22,<0.23",
    "anthropic": ">=2.12,<3",
    "fastapi": ">=0.165,<0.166",
    "httpx2": ">=2.16,<3",
    "mcp": ">=2.3,<3",
    "mypy": ">=2.4,<3",
    "openai": ">=3.54,<4",
    "opentelemetry-api": ">=1.45,<2",
    "opentelemetry-exporter-otlp-proto-http": ">=1.45,<2",
    "opentelemetry-exporter-prometheus": ">=0.66b2,<0.67",
    "opentelemetry-sdk": ">=1.45,<2",
    "psycopg[binary]": ">=3.3,<4",
    "psycopg-pool": ">=3.3,<4",
    "pydantic": ">=2.14,<3",
    "pydantic-evals": ">=2.62,<3",
    "pydantic-settings": ">=2.16,<3",
    "pytest": ">=9.2,<10",
    "pytest-asyncio": ">=1.5,<2",
    "pytest-cov": ">=7.1,<8",
    "redis": ">=8.1,<9",
    "schemathesis": ">=4.32,<5",
    "ruff": ">=0.17.6,<0.18",
    "structlog": ">=26.1,<27",
    "typer": ">=0.29,<0.30",
    "tzdata": ">=2026.6",
    "uvicorn": ">=0.54,<0.55",
}
UNBOUNDED = frozenset({"tzdata"})

# Ruff: every rule, less these; each ignore carries its reason into the generated pyproject.toml.
# A project may ignore less (or add rules), never more.
RUFF_SELECT = ("ALL",)
RUFF_IGNORE = {
    "COM812": "the formatter owns trailing commas",
    "CPY": "no copyright header in every file; the LICENSE file covers the project",
    "EM101": "exception messages are written where the error is raised...",
    "EM102": "...a variable holding the message first adds nothing",
    "TRY003": "ditto: long messages belong at the raise site, worded for the reader",
    "UP040": "TypeVar generics and plain aliases: the same code runs on every supported Python",
    "UP046": "...",
    "UP047": "...",
}
# Per-file ignores on top of those: `{package}` stands for the project's import package.
RUFF_PER_FILE_IGNORES = {
    "src/{package}/cli/*": {
        "PLC0415": "commands import what they need when they run: `--help` does not load it all",
    },
    # The scheduled template-update job (scripts/template_update.py), where CI is chosen.
    "scripts/**": {
        "INP001": "scripts run by path, not a package",
        "S603": "they run git, uv and gh with fixed arguments",
        "S607": "...found on PATH, as in CI",
        "T201": "printing is how a script talks",
    },
    "tests/**": {
        "D": "test names say what they check",
        "INP001": "tests are not a package",
        "PLR2004": "literal expected values are the point of a test",
        "S101": "pytest asserts",
        "S603": "tests run the project's own commands, with fixed arguments",
        "SLF001": "tests may look at private state",
    },
}

# The least share of lines and branches the tests must cover (pytest-cov's fail_under).
COVERAGE_FLOOR = 90
