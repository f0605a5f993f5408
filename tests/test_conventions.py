"""The conventions plugin: a rendered project passes; each drift fails its check and no other.

One project is rendered for the module (a web service with Docker, GitHub CI and a preset that
matches its answers); each test copies it, makes one edit a project's owners might make, and
runs repo-review in-process on the copy. The other checks must still pass or skip, so a check
that starts catching another's drift (or stops catching its own) turns a test red.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from copier import run_copy
from repo_review.processor import process
from test_update import _tagged_template

from copier_agent_conventions.checks import all_checks
from copier_agent_conventions.families import repo_review_families
from copier_agent_conventions.repository import PRESET_ENV, load

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_copie.plugin import Copie

PACKAGE = "conventions_agent"
ANSWERS = {
    "project_name": "Conventions Agent",
    "python_version": "3.12",
    "interface": "web",
    "docker": True,
    "ci": "github",
    "license": "MIT",
}
# The organisation's preset the project was rendered with.
PRESET = {"license": "MIT", "ci": "github", "python_version": "3.12"}
CODES = sorted(all_checks())


@pytest.fixture(scope="module")
def rendered(copie_session: Copie) -> Path:
    result = copie_session.copy(extra_answers=ANSWERS)
    assert result.exception is None, result.exception
    assert result.project_dir is not None
    return result.project_dir


@pytest.fixture
def project(rendered: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the rendered project, checked against the organisation's preset."""
    copy = tmp_path / "project"
    shutil.copytree(rendered, copy)
    preset = tmp_path / "org.yml"
    preset.write_text(yaml.safe_dump(PRESET), encoding="utf-8")
    monkeypatch.setenv(PRESET_ENV, str(preset))
    # uv (for `uv lock --check`) is the one beside this interpreter, whatever PATH holds.
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    return copy


def results(root: Path) -> dict[str, bool | None]:
    """The plugin's results on ``root``, by check id (sp-repo-review's are left out)."""
    return {result.name: result.result for result in process(root).results if result.name in CODES}


def failures(root: Path) -> list[str]:
    return sorted(code for code, result in results(root).items() if result is False)


def message(root: Path, code: str) -> str:
    (found,) = (result for result in process(root).results if result.name == code)
    return found.err_msg


def edit(path: Path, old: str, new: str, *, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def relock(project: Path) -> None:
    """Bring uv.lock back in line after a pyproject.toml edit.

    From uv's cache where it can; otherwise from PyPI, as rendering the project itself does.
    """
    uv = Path(sys.executable).with_name("uv")
    offline = subprocess.run([uv, "lock", "--offline", "--quiet"], cwd=project, check=False)
    if offline.returncode:
        subprocess.run([uv, "lock", "--quiet"], cwd=project, check=True)


def test_every_check_has_an_id_a_description_and_a_link() -> None:
    for code, check in all_checks().items():
        assert re.fullmatch(r"CA[A-Z]\d{3}", code)
        assert (check.__doc__ or "").strip()
        assert check.url.endswith(f"docs/conventions.md#{code.lower()}"), check.url


def test_the_rendered_project_passes(project: Path) -> None:
    outcome = results(project)

    assert set(outcome) == set(CODES)
    assert not failures(project)
    # Only CAU002 may skip: a working copy that is not a release has nothing to compare with.
    skipped = {code for code, result in outcome.items() if result is None}
    assert skipped <= {"CAU002"}


def _drop_step(project: Path, step: str) -> None:
    edit(project / ".github" / "workflows" / "ci.yml", f"      - run: {step}\n", "")


def _relocked(project: Path, old: str, new: str) -> None:
    """Edit pyproject.toml and lock again, so that only the edit itself drifts."""
    edit(project / "pyproject.toml", old, new)
    relock(project)


# Each drift: an edit of the rendered project, and the one check it must fail.
# CAP002's floor is the preset's python_version (3.12; the organisation's default is 3.11).
DRIFTS: dict[str, Callable[[Path], None]] = {
    "CAP001": lambda p: (p / "src" / PACKAGE / "py.typed").unlink(),
    "CAP002": lambda p: _relocked(p, 'requires-python = ">=3.12"', 'requires-python = ">=3.11"'),
    "CAL001": lambda p: edit(p / "pyproject.toml", '  "COM812",', '  "E501",\n  "COM812",'),
    "CAL002": lambda p: _drop_step(p, "uv run ruff format --check ."),
    "CAL003": lambda p: edit(p / "pyproject.toml", "strict = true", "strict = false"),
    "CAT001": lambda p: edit(p / "pyproject.toml", "fail_under = 90", "fail_under = 75"),
    # A dependency added without `uv lock`.
    "CAD001": lambda p: edit(
        p / "pyproject.toml", "dependencies = [\n", 'dependencies = [\n  "rich",\n'
    ),
    "CAD002": lambda p: _relocked(p, '"pydantic>=2.14,<3"', '"pydantic>=2.14"'),
    "CAC001": lambda p: _drop_step(p, "uv run mypy"),
    "CAH001": lambda p: edit(p / ".pre-commit-config.yaml", "      - id: gitleaks\n", ""),
    "CAI001": lambda p: edit(p / "Dockerfile", "USER 10001:10001\n", ""),
    "CAI002": lambda p: edit(p / "Dockerfile", "HEALTHCHECK", "# HEALTHCHECK"),
    "CAS001": lambda p: edit(p / ".gitignore", "\n.env\n", "\n"),
    "CAS002": lambda p: edit(
        p / "src" / PACKAGE / "settings.py",
        "llm_api_key: SecretStr | None",
        "llm_api_key: str | None",
    ),
    "CAU001": lambda p: (p / ".copier-answers.yml").unlink(),
    # The organisation's license changed on a later update.
    "CAU003": lambda p: edit(p / ".copier-answers.yml", "license: MIT", "license: Apache-2.0"),
}


def test_every_check_has_a_drift() -> None:
    # CAU002 (behind the newest release) has its own test: it needs a tagged template.
    assert set(DRIFTS) | {"CAU002"} == set(CODES)


@pytest.mark.parametrize("code", DRIFTS)
def test_a_drift_fails_its_check_and_no_other(project: Path, code: str) -> None:
    DRIFTS[code](project)

    assert failures(project) == [code]
    assert "**Fix:**" in message(project, code)


def _tags_only(root: Path, *tags: str) -> Path:
    """An empty repository with release tags: what CAU002 lists."""
    repo = root / "template"
    repo.mkdir()

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    for tag in tags:
        git(
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@example.com",
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            tag,
        )
        git("tag", tag)
    return repo


def _rendered_from(project: Path, source: Path, commit: str) -> None:
    answers_file = project / ".copier-answers.yml"
    answers: dict[str, Any] = yaml.safe_load(answers_file.read_text(encoding="utf-8"))
    answers |= {"_src_path": str(source), "_commit": commit}
    answers_file.write_text(yaml.safe_dump(answers), encoding="utf-8")


def test_a_project_behind_the_newest_release_fails_cau002(project: Path, tmp_path: Path) -> None:
    template = _tags_only(tmp_path, "v1.0.0", "v1.1.0", "v2.0.0rc1")
    _rendered_from(project, template, "v1.0.0-2-g1234abc")

    assert failures(project) == ["CAU002"]
    assert "1.1.0 is out" in message(project, "CAU002")

    _rendered_from(project, template, "v1.1.0")  # a pre-release does not count as newer
    assert results(project)["CAU002"] is True


def test_releases_that_cannot_be_listed_skip_cau002_with_the_reason(
    project: Path, tmp_path: Path
) -> None:
    _rendered_from(project, tmp_path / "no-such-template", "v1.0.0")

    assert results(project)["CAU002"] is None
    families = repo_review_families(load(project))
    assert "CAU002 skipped: the releases of" in families["copier-agent.template"]["description"]


def test_offline_mode_skips_cau002_without_listing(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = _tags_only(tmp_path, "v1.0.0", "v2.0.0")
    _rendered_from(project, template, "v1.0.0")
    monkeypatch.setenv("COPIER_AGENT_OFFLINE", "1")

    assert results(project)["CAU002"] is None


def test_a_preset_key_the_project_does_not_know_fails_cau003(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    preset = tmp_path / "newer.yml"
    preset.write_text("license: MIT\nsecurity_contact: sec@example.com\n", encoding="utf-8")
    monkeypatch.setenv(PRESET_ENV, str(preset))

    assert failures(project) == ["CAU003"]
    assert "`security_contact`" in message(project, "CAU003")


def test_the_preset_can_be_named_in_pyproject(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PRESET_ENV)
    assert results(project)["CAU003"] is None  # no preset: skipped

    (project / "org.yml").write_text("license: Apache-2.0\n", encoding="utf-8")
    with (project / "pyproject.toml").open("a", encoding="utf-8") as pyproject:
        pyproject.write('\n[tool.copier-agent]\npreset = "org.yml"\n')

    assert failures(project) == ["CAU003"]


def test_a_repository_never_generated_gets_a_report(tmp_path: Path) -> None:
    repo = tmp_path / "legacy"
    (repo / "legacy_service").mkdir(parents=True)
    (repo / "legacy_service" / "__init__.py").write_text("", encoding="utf-8")
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "legacy"\nversion = "1"\nrequires-python = ">=3.9"\n'
        'dependencies = ["pydantic>=1"]\n',
        encoding="utf-8",
    )

    outcome = results(repo)

    assert outcome["CAU001"] is False
    assert "not generated from the template" in message(repo, "CAU001")
    assert outcome["CAU002"] is None
    assert outcome["CAU003"] is None
    assert {"CAP001", "CAP002", "CAD002", "CAC001", "CAH001"} <= set(failures(repo))


def test_a_repository_that_is_not_python_skips_the_python_checks(tmp_path: Path) -> None:
    repo = tmp_path / "docs-site"
    repo.mkdir()
    (repo / "README.md").write_text("# Docs\n", encoding="utf-8")
    (repo / ".gitignore").write_text(".env\n", encoding="utf-8")
    (repo / ".env.example").write_text("", encoding="utf-8")

    outcome = results(repo)

    python_checks = {code for code, check in all_checks().items() if check.python_only}
    assert {code for code in python_checks if outcome[code] is not None} == set()
    assert failures(repo) == ["CAU001"]
    described = repo_review_families(load(repo))["copier-agent.project"]["description"]
    assert "CAP001 skipped: not a Python project" in described


def test_a_project_runs_the_plugin_of_its_template_release(tmp_path: Path) -> None:
    # The command the generated CI runs, for real: uv installs the plugin from the template
    # repository (here a tagged local copy) at the project's release, and it passes.
    template = _tagged_template(tmp_path)
    project = tmp_path / "project"
    run_copy(
        str(template),
        project,
        data={"project_name": "Pinned Agent", "python_version": "3.12"},
        defaults=True,
        unsafe=True,
        vcs_ref="v1.0.0",
        quiet=True,
    )
    spec = f"git+{template.as_uri()}@v1.0.0"
    workflow = yaml.safe_load((project / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for step in workflow["jobs"]["lint"]["steps"]]
    assert f'uvx --from "{spec}" repo-review .' in steps
    hooks = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert {"repo": template.as_uri(), "rev": "v1.0.0"} in [
        {key: repo[key] for key in ("repo", "rev")} for repo in hooks["repos"] if "rev" in repo
    ]

    uvx = Path(sys.executable).with_name("uvx")
    result = subprocess.run(
        [uvx, "--from", spec, "repo-review", ".", "--format", "json"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "UV_TOOL_DIR": str(tmp_path / "tools")},
    )

    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["checks"]["CAU002"]["result"] is True  # v1.0.0 is the newest release
    assert all(check["result"] is not False for check in report["checks"].values())
