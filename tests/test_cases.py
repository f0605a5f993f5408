"""The other questions (Python version, Docker, CI, license): each choice in at least one case.

Every case is a complete project: its files are checked (hadolint for the Dockerfile, the
published JSON schemas for the CI files, compose file and Dependabot config, zizmor for the
workflows' security), then it passes its own lint and format check and the conventions.

Its types and tests run too, like a matrix project's, for ``FULL_CASES`` of the cases (default
1, or ``all``), in turn by day with the release updates' seed (``UPDATE_SEED``): a case on
another Python than the matrix's needs an environment and a mypy cache of its own, cold, which
costs each of them one to two minutes of the suite. Three days check every case in full, and so
does the nightly run of the template's workflow (``.github/workflows/ci.yml``).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from conftest import choices, tool
from harness import STEPS, render
from update_sample import sample_size, seed, todays_window

if TYPE_CHECKING:
    from harness import ProjectEnvironment
    from pytest_copie.plugin import Copie

CASES: dict[str, dict[str, Any]] = {
    "py3.12-docker-github-MIT-web-postgres": {
        "python_version": "3.12",
        "docker": True,
        "ci": "github",
        "license": "MIT",
        "interface": "web",
        "storage": "postgres",
        "author_name": "Ada Lovelace",
        "author_email": "ada@example.com",
    },
    "py3.13-nodocker-gitlab-Apache-sync-redis": {
        "python_version": "3.13",
        "docker": False,
        "ci": "gitlab",
        "license": "Apache-2.0",
        "concurrency": "sync",
        "storage": "redis",
    },
    "py3.11-docker-noci-Proprietary-longest-name": {
        # The longest names the questions accept: every generated line must still fit.
        "project_name": "Customer Support Escalation Triage Agent",
        "python_version": "3.11",
        "docker": True,
        "ci": "none",
        "license": "Proprietary",
        "provider": "openai_compatible",
        "interface": "web",
        "storage": "sqlite",
    },
}


DEFAULT_FULL_CASES = 1


def full_cases() -> list[str]:
    """The cases whose types and tests run this run: ``FULL_CASES`` of them, the day's turn."""
    names = list(CASES)
    return todays_window(names, sample_size("FULL_CASES", DEFAULT_FULL_CASES, len(names)))


def header() -> str:
    """The line the test run prints in its header."""
    full = full_cases()
    return (
        f"other cases: types and tests for {len(full)} of {len(CASES)} ({', '.join(full)}), "
        f"seed {seed()} (FULL_CASES, UPDATE_SEED)"
    )


LICENSE_MARKERS = {
    "MIT": "MIT License",
    "Apache-2.0": "Apache License",
    "Proprietary": "All rights reserved.",
}


def _run(*argv: str, cwd: Path) -> None:
    result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(argv)}:\n{result.stdout}{result.stderr}"


def test_every_choice_is_exercised() -> None:
    for question in ("python_version", "docker", "ci", "license"):
        exercised = {case[question] for case in CASES.values()}
        expected = {True, False} if question == "docker" else set(choices(question))
        assert exercised == expected, question


def _check_files(project: Path, case: dict[str, Any]) -> None:
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert {key: answers[key] for key in case} == case

    assert LICENSE_MARKERS[case["license"]] in (project / "LICENSE").read_text(encoding="utf-8")
    pyproject = (project / "pyproject.toml").read_text(encoding="utf-8")
    assert f'requires-python = ">={case["python_version"]}"' in pyproject
    assert (project / ".python-version").read_text(
        encoding="utf-8"
    ) == f"{case['python_version']}\n"

    needs_server = case.get("storage") in {"postgres", "redis"}
    assert (project / "Dockerfile").exists() is case["docker"]
    assert (project / ".dockerignore").exists() is case["docker"]
    is_web = case.get("interface") == "web"
    assert (project / "compose.yaml").exists() is (case["docker"] and (needs_server or is_web))
    assert (project / ".github").exists() is (case["ci"] == "github")
    assert (project / ".gitlab-ci.yml").exists() is (case["ci"] == "gitlab")

    if case["docker"]:
        _run(tool("hadolint"), "Dockerfile", cwd=project)
        assert "USER 10001:10001" in (project / "Dockerfile").read_text(encoding="utf-8")
    if (project / "compose.yaml").exists():
        _run(
            tool("check-jsonschema"),
            "--builtin-schema",
            "vendor.compose-spec",
            "compose.yaml",
            cwd=project,
        )
    if case["ci"] == "github":
        workflows = sorted(str(path) for path in (project / ".github" / "workflows").glob("*.yml"))
        names = [Path(path).name for path in workflows]
        assert names == ["ci.yml", "evals-online.yml", "template-update.yml"]
        ci = yaml.safe_load((project / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
        assert "eval --report" in ci["jobs"]["evals"]["steps"][-2]["run"]
        _run(
            tool("check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            *workflows,
            cwd=project,
        )
        _run(
            tool("check-jsonschema"),
            "--builtin-schema",
            "vendor.dependabot",
            ".github/dependabot.yml",
            cwd=project,
        )
        # With the project's own configuration (.github/zizmor.yml), as its pre-commit hook runs it.
        _run(tool("zizmor"), "--offline", ".github/workflows", cwd=project)
    if case["ci"] == "gitlab":
        _run(
            tool("check-jsonschema"),
            "--builtin-schema",
            "vendor.gitlab-ci",
            ".gitlab-ci.yml",
            cwd=project,
        )


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_case(
    case: dict[str, Any],
    answers: dict[str, Any],
    copie: Copie,
    project_env: ProjectEnvironment,
    request: pytest.FixtureRequest,
) -> None:
    project, rendered_in = render(copie, {**answers, **case})

    _check_files(project, {"python_version": answers["python_version"], **case})
    label = request.node.callspec.id
    steps = STEPS.keys() if label in full_cases() else ("lint", "format")
    project_env.check(project, "cases", label, rendered_in=rendered_in, steps=steps)


def test_every_case_gets_its_turn_in_full(monkeypatch: pytest.MonkeyPatch) -> None:
    days = []
    for day in range(len(CASES)):
        monkeypatch.setenv("UPDATE_SEED", str(day))
        days.extend(full_cases())
    assert sorted(days) == sorted(CASES)
    monkeypatch.setenv("FULL_CASES", "all")
    assert full_cases() == list(CASES)
    monkeypatch.setenv("FULL_CASES", "2")
    assert len(set(full_cases())) == 2
