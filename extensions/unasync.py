"""The ``unasync`` filter: a module written once as async, turned into its sync twin.

This follows encode/httpcore's ``scripts/unasync.py``: whole-word substitutions from the async
spelling to the sync one (``async def`` -> ``def``, ``AsyncConnectionPool`` ->
``ConnectionPool``). Templates wrap a module in ``{% filter unasync(is_sync) %}`` and the filter
does nothing in an async project. Only APIs that differ in name alone belong here; where the sync
API really differs, the template says so inline (``{% if is_async %}``) or uses a separate file.

Renaming changes the order that ruff's isort rules want (``AsyncIterator, Callable`` becomes
``Iterator, Callable``), so the filter sorts the names of ``from ... import`` statements again.
The template's tests check that every rule is used by some template, as httpcore's script does,
so that a rule cannot outlive the code it was written for.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jinja2.ext import Extension

if TYPE_CHECKING:
    from jinja2 import Environment

# (async spelling, sync spelling); each is matched as whole words.
RULES: tuple[tuple[str, str], ...] = (
    ("async def", "def"),
    ("async with", "with"),
    ("async for", "for"),
    ("await", ""),
    ("AsyncIterator", "Iterator"),
    ("AsyncGenerator", "Generator"),
    ("asynccontextmanager", "contextmanager"),
    ("aclose", "close"),
    ("aiosqlite", "sqlite3"),
    ("AsyncConnectionPool", "ConnectionPool"),
    ("redis.asyncio", "redis"),
    ("asyncio.sleep", "time.sleep"),
    ("asyncio.Lock", "threading.Lock"),
    ("AsyncConnection", "Connection"),
    ("AsyncScript", "Script"),
    ("AsyncAnthropic", "Anthropic"),
    ("AsyncOpenAI", "OpenAI"),
    ("AsyncStream", "Stream"),
    ("AsyncClient", "Client"),
    ("aclosing", "closing"),
    ("anext", "next"),
)

_PATTERNS = tuple(
    # `await x` loses the keyword and the space after it; other rules swap one word for another.
    (re.compile(r"\bawait\s+" if source == "await" else rf"\b{re.escape(source)}\b"), target)
    for source, target in RULES
)
_FROM_IMPORT = re.compile(
    r"^(?P<head>\s*from\s+\S+\s+import\s+)(?P<names>[^()#\n]+)$", re.MULTILINE
)


def _member_key(name: str) -> tuple[int, str]:
    """Isort's ``order-by-type``: CONSTANTS, Classes, then the rest, each case-insensitively."""
    bare = name.split(" as ", maxsplit=1)[0]
    if bare.isupper() and len(bare) > 1:
        rank = 0
    elif bare[:1].isupper():
        rank = 1
    else:
        rank = 2
    return rank, bare.lower()


def _sort_members(match: re.Match[str]) -> str:
    names = [name.strip() for name in match["names"].split(",") if name.strip()]
    return match["head"] + ", ".join(sorted(dict.fromkeys(names), key=_member_key))


def unasync_source(source: str) -> tuple[str, set[str]]:
    """Apply every rule to ``source``; return the sync text and the rules that matched."""
    used = set()
    for (name, _), (pattern, target) in zip(RULES, _PATTERNS, strict=True):
        source, count = pattern.subn(target, source)
        if count:
            used.add(name)
    return _FROM_IMPORT.sub(_sort_members, source), used


def unasync(source: str, enabled: bool = True) -> str:  # noqa: FBT001, FBT002 - `unasync(is_sync)`
    """Jinja filter: the sync twin of ``source`` when ``enabled`` (the project is sync)."""
    return unasync_source(source)[0] if enabled else source


class UnasyncExtension(Extension):
    """Registers the ``unasync`` filter."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters["unasync"] = unasync
