"""Compile each Jinja template once: rendering a project is mostly compiling Jinja.

Copier compiles every part of every path it renders (``src``, ``{{ package_name }}``,
``tests`` ...) with ``Environment.from_string``, once per file that sits below it, and every
file template with ``get_template``, in every run. Most of a render's time went there: 582
compilations of path parts (about a hundred distinct strings) and 49 of files, 0.6 s of a 0.7 s
render. This extension makes each of those a compilation at most once:

* ``from_string`` remembers what it compiled, by source, for the life of the environment (one
  copier run). A compiled template holds no answers: rendering it with another context is what
  Jinja templates are for.
* File templates go through Jinja's own ``FileSystemBytecodeCache`` (a directory of the user's
  under the system's temporary directory, created private by Jinja), so that a later run loads
  them instead of compiling them. Jinja keys the cache by the file's path, which is a fresh
  temporary clone in every run of copier; here the key is the template's name within the
  template and the settings that shape compiled code (delimiters, whitespace, extensions), and
  Jinja still checks each entry against the source, so an edited template is compiled afresh.

Copier's ``yield`` tag sets state on the environment while a string is *parsed*, which a
remembered template would skip, so strings that use it are compiled every time, as before.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from typing import TYPE_CHECKING, Any

from jinja2 import FileSystemBytecodeCache
from jinja2.ext import Extension

if TYPE_CHECKING:
    from jinja2 import Environment, Template
    from jinja2.bccache import Bucket

# The environment's settings that change what a template compiles to.
_COMPILE_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "autoescape",
)


class _BytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache, keyed by template name and compile settings instead of path."""

    def __init__(self, environment: Environment) -> None:
        super().__init__()
        self._environment = environment

    @functools.cached_property
    def _settings(self) -> str:
        # Read on first use: while extensions load, the environment is not complete yet.
        environment = self._environment
        return repr(
            (
                [getattr(environment, name) for name in _COMPILE_SETTINGS],
                sorted(environment.extensions),
            ),
        )

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """The key of ``name``, whatever directory the template was cloned into."""
        del filename
        key = f"{self._settings}\0{name}".encode()
        return hashlib.sha1(key, usedforsecurity=False).hexdigest()

    # The cache only saves time: a directory that cannot be read or written costs a compile.
    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill ``bucket`` from its file, if there is a readable one."""
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Write ``bucket`` to its file, if the directory can be written."""
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


class CompileOnce(Extension):
    """Remembers compiled path parts and caches compiled file templates."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        if environment.bytecode_cache is None:
            # Jinja refuses a shared temporary directory that another user owns.
            with contextlib.suppress(OSError, RuntimeError):
                environment.bytecode_cache = _BytecodeCache(environment)
        compile_string = environment.from_string
        remembered = functools.lru_cache(maxsize=None)(compile_string)

        def from_string(
            source: Any,  # noqa: ANN401 - Jinja's own signature: a string or a parsed template
            globals: Any = None,  # noqa: A002, ANN401 - Jinja's own signature
            template_class: Any = None,  # noqa: ANN401 - Jinja's own signature
        ) -> Template:
            plain = globals is None and template_class is None
            if plain and isinstance(source, str) and "yield" not in source:
                return remembered(source)
            return compile_string(source, globals, template_class)

        environment.from_string = from_string  # type: ignore[method-assign]
