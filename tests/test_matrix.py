"""Every provider x concurrency x interface x storage combination renders and passes its own CI.

Each project is rendered with pytest-copie, then checked in this worker's shared environment:
``uv sync --locked`` (exactly its own dependencies), ``ruff check``, ``ruff format --check``,
``mypy`` (strict, as the project configures it), ``pytest`` (with the project's coverage
threshold, and real PostgreSQL or Redis where its storage needs one) and repo-review (the
template's conventions and sp-repo-review's checks). Combinations that share a
provider and an interface go to the same worker, so consecutive syncs change little.
"""

from __future__ import annotations

import itertools
import string
from typing import TYPE_CHECKING, Any

import pytest
from conftest import PROJECT_NAMES, choices
from harness import render

from extensions.answers import DEPENDENCY_IMPORT_NAMES, identifier, slugify

if TYPE_CHECKING:
    from pathlib import Path

    from harness import ProjectEnvironment
    from pytest_copie.plugin import Copie

DIMENSIONS = ("provider", "concurrency", "interface", "storage")


def _combinations() -> list[Any]:
    params = []
    for index, (provider, interface, concurrency, storage) in enumerate(
        itertools.product(
            choices("provider"),
            choices("interface"),
            choices("concurrency"),
            choices("storage"),
        ),
    ):
        combination = {
            "provider": provider,
            "concurrency": concurrency,
            "interface": interface,
            "storage": storage,
            # Each combination its own name, in turn: the id (its dimensions) stays the same.
            "project_name": PROJECT_NAMES[index % len(PROJECT_NAMES)],
        }
        params.append(
            pytest.param(
                combination,
                id="-".join(combination[name] for name in DIMENSIONS),
                marks=pytest.mark.xdist_group(f"{provider}-{interface}"),
            ),
        )
    return params


COMBINATIONS = _combinations()


def test_the_matrix_is_complete() -> None:
    expected = 1
    for dimension in DIMENSIONS:
        expected *= len(choices(dimension))
    assert len(COMBINATIONS) == expected == 48


def test_the_matrix_uses_every_name() -> None:
    names = {param.values[0]["project_name"] for param in COMBINATIONS}
    assert names == set(PROJECT_NAMES)
    # Package names start with every letter: where they sort (among imports) varies with it.
    assert {identifier(slugify(name))[0] for name in names} == set(string.ascii_lowercase)


def _assert_installed_modules_are_reserved(
    project_env: ProjectEnvironment,
    project: Path,
    package: str,
) -> None:
    # A package named after any module the environment installs would shadow it, so the
    # template must refuse every such name (extensions/answers.py).
    installed = project_env.installed_top_level_names(project)
    public = {name for name in installed if not name.startswith("_")} - {package}
    missing = public - DEPENDENCY_IMPORT_NAMES
    assert not missing, f"add to DEPENDENCY_IMPORT_NAMES: {sorted(missing)}"


@pytest.mark.parametrize("combination", COMBINATIONS)
def test_combination(
    combination: dict[str, str],
    answers: dict[str, Any],
    copie: Copie,
    project_env: ProjectEnvironment,
    request: pytest.FixtureRequest,
) -> None:
    project, rendered_in = render(copie, {**answers, **combination})

    project_env.check(project, "matrix", request.node.callspec.id, rendered_in=rendered_in)
    package = identifier(slugify(combination["project_name"]))
    _assert_installed_modules_are_reserved(project_env, project, package)
