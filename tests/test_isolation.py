"""Sharing one environment between projects never hides a missing dependency.

The harness re-syncs the shared environment exactly to each project's lock file. Here a Redis
project leaves `redis` installed; the next project, which does not declare it, imports it anyway:
the sync must remove it, so that both the type check and the tests fail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from harness import CheckError, ProjectEnvironment

if TYPE_CHECKING:
    from pytest_copie.plugin import Copie

UNDECLARED_MODULE = '''\
"""A module that uses a library the project does not declare."""

import redis

CLIENT = redis.Redis()
'''

UNDECLARED_TEST = """\
from matrix_agent import cache


def test_cache() -> None:
    assert cache.CLIENT is not None
"""


def test_an_undeclared_import_fails(
    answers: dict[str, Any],
    copie: Copie,
    project_env: ProjectEnvironment,
) -> None:
    redis_project = copie.copy(extra_answers={**answers, "storage": "redis"}).project_dir
    sqlite_project = copie.copy(extra_answers={**answers, "storage": "sqlite"}).project_dir
    assert redis_project is not None
    assert sqlite_project is not None
    project_env.sync(redis_project)
    assert "redis" in project_env.installed_top_level_names(redis_project)

    (sqlite_project / "src" / "matrix_agent" / "cache.py").write_text(
        UNDECLARED_MODULE, encoding="utf-8"
    )
    (sqlite_project / "tests" / "test_cache.py").write_text(UNDECLARED_TEST, encoding="utf-8")
    project_env.sync(sqlite_project)

    assert "redis" not in project_env.installed_top_level_names(sqlite_project)
    with pytest.raises(CheckError) as types:
        project_env.step(sqlite_project, "types")
    assert (
        'Cannot find implementation or library stub for module named "redis"' in types.value.output
    )
    with pytest.raises(CheckError) as tests:
        project_env.step(sqlite_project, "tests")
    assert "ModuleNotFoundError: No module named 'redis'" in tests.value.output
