"""The compile-once extension: the same output as without it, each template compiled once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import jinja2
import pytest
from copier._jinja_ext import YieldExtension

from extensions.cache import CompileOnce

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from source, in order."""
    names: list[str] = []
    compile_source = jinja2.Environment.compile

    def counting(
        environment: jinja2.Environment,
        source: str,
        name: str | None = None,
        *args: Any,  # noqa: ANN401 - passed through to Jinja
        **kwargs: Any,  # noqa: ANN401 - passed through to Jinja
    ) -> Any:  # noqa: ANN401 - Jinja's code object or source
        names.append(name or source)
        return compile_source(environment, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def _environment(root: Path, cache_dir: Path) -> jinja2.Environment:
    environment = jinja2.Environment(  # noqa: S701 - the template renders code, not HTML
        loader=jinja2.FileSystemLoader(root),
        extensions=[YieldExtension, CompileOnce],
        keep_trailing_newline=True,
    )
    assert environment.bytecode_cache is not None
    cache_dir.mkdir(exist_ok=True)
    environment.bytecode_cache.directory = str(cache_dir)  # type: ignore[attr-defined]
    return environment


def test_a_path_part_is_compiled_once_and_renders_each_context(
    tmp_path: Path,
    compiled: list[str],
) -> None:
    environment = _environment(tmp_path, tmp_path / "cache")

    parts = [
        environment.from_string("{{ package_name }}").render(package_name=name)
        for name in ("alpha_agent", "zulu_agent")
    ]

    assert parts == ["alpha_agent", "zulu_agent"]
    assert compiled == ["{{ package_name }}"]


def test_strings_with_a_yield_tag_are_compiled_every_time(
    tmp_path: Path,
    compiled: list[str],
) -> None:
    # Copier's yield tag records its loop on the environment while the string is parsed.
    environment = _environment(tmp_path, tmp_path / "cache")
    source = "{% yield item from items %}{{ item }}{% endyield %}"

    for _ in range(2):
        environment.from_string(source)

    assert compiled == [source, source]


def _template_tree(root: Path, text: str) -> Path:
    (root / "src").mkdir(parents=True)
    (root / "src" / "module.py.jinja").write_text(text, encoding="utf-8")
    return root


def test_a_file_compiled_in_one_clone_is_loaded_in_the_next(
    tmp_path: Path,
    compiled: list[str],
) -> None:
    # Copier clones the template into a new temporary directory on every run: the cache must
    # not be keyed by that directory.
    cache = tmp_path / "cache"
    source = 'name = "{{ name }}"\n'
    first = _environment(_template_tree(tmp_path / "clone-1", source), cache)
    second = _environment(_template_tree(tmp_path / "clone-2", source), cache)

    outputs = [
        environment.get_template("src/module.py.jinja").render(name=name)
        for environment, name in ((first, "a"), (second, "b"))
    ]

    assert outputs == ['name = "a"\n', 'name = "b"\n']
    assert compiled == ["src/module.py.jinja"]


def test_an_edited_file_is_compiled_afresh(tmp_path: Path, compiled: list[str]) -> None:
    cache = tmp_path / "cache"
    old = _environment(_template_tree(tmp_path / "old", "old {{ x }}\n"), cache)
    new = _environment(_template_tree(tmp_path / "new", "new {{ x }}\n"), cache)

    assert old.get_template("src/module.py.jinja").render(x=1) == "old 1\n"
    assert new.get_template("src/module.py.jinja").render(x=1) == "new 1\n"
    assert compiled == ["src/module.py.jinja", "src/module.py.jinja"]


def test_an_unwritable_cache_only_costs_a_compile(tmp_path: Path, compiled: list[str]) -> None:
    cache = tmp_path / "cache"
    environment = _environment(_template_tree(tmp_path / "tree", "x = {{ x }}\n"), cache)
    cache.rmdir()  # every read and write of the cache now fails

    assert environment.get_template("src/module.py.jinja").render(x=1) == "x = 1\n"
    assert compiled == ["src/module.py.jinja"]


def test_other_compile_settings_do_not_share_entries(tmp_path: Path, compiled: list[str]) -> None:
    cache = tmp_path / "cache"
    root = _template_tree(tmp_path / "tree", "line {{ x }}\n")
    keeping = _environment(root, cache)
    stripping = _environment(root, cache)
    stripping.keep_trailing_newline = False

    assert keeping.get_template("src/module.py.jinja").render(x=1) == "line 1\n"
    assert stripping.get_template("src/module.py.jinja").render(x=1) == "line 1"
    assert len(compiled) == 2
