"""Organisation presets: copier's --data-file, checked, and what the new questions render."""

from __future__ import annotations

import tomllib
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from conftest import TEMPLATE, copier_copy
from copier import run_copy
from copier.errors import UserMessageError
from repo_review.processor import process

from copier_agent_conventions.repository import PRESET_ENV
from extensions import answers, context

if TYPE_CHECKING:
    from pathlib import Path

EXAMPLE = TEMPLATE / "examples" / "org-preset.yml"


def _render(destination: Path, data: dict[str, Any]) -> Path:
    # Without the lock task: the example's package index does not exist.
    run_copy(
        str(TEMPLATE),
        destination,
        data={"project_name": "Preset Agent", **data},
        defaults=True,
        unsafe=True,
        vcs_ref="HEAD",
        quiet=True,
        skip_tasks=True,
    )
    return destination


def test_a_key_that_is_not_a_question_is_refused_with_the_valid_ones(tmp_path: Path) -> None:
    preset = tmp_path / "org.yml"
    preset.write_text("licence: Apache-2.0\nci: gitlab\n", encoding="utf-8")
    destination = tmp_path / "project"

    result = copier_copy(destination, f"--data-file={preset}", project_name="Preset Agent")

    assert result.returncode != 0
    assert "Not questions of this template: licence." in result.stderr
    assert "Valid keys for --data and --data-file: project_name, project_slug," in result.stderr
    assert "license" in result.stderr.rpartition("Valid keys")[2]
    assert not destination.exists()


def test_the_example_preset_renders_and_passes_its_own_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    preset = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    project = _render(tmp_path / "project", preset)

    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert {key: answers[key] for key in preset} == preset
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["tool"]["uv"]["index"] == [
        {"name": "organisation", "url": preset["package_index_url"], "default": True},
    ]
    assert pyproject["tool"]["ruff"]["lint"]["extend-select"] == ["FURB", "PLC"]
    assert (project / ".gitlab-ci.yml").exists()

    monkeypatch.setenv(PRESET_ENV, str(EXAMPLE))
    outcome = {result.name: result.result for result in process(project).results}
    assert outcome["CAU003"] is True
    assert outcome["CAL001"] is True

    # A project that drops a rule the organisation added fails the ruff check.
    pyproject_file = project / "pyproject.toml"
    text = pyproject_file.read_text(encoding="utf-8")
    pyproject_file.write_text(text.replace('extend-select = ["FURB", "PLC"]\n', ""), "utf-8")
    outcome = {result.name: result.result for result in process(project).results}
    assert outcome["CAL001"] is False


def test_the_new_questions_keep_the_default_output(tmp_path: Path) -> None:
    project = _render(tmp_path / "project", {})

    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert "index" not in pyproject["tool"]["uv"]
    assert "extend-select" not in pyproject["tool"]["ruff"]["lint"]


@pytest.mark.parametrize("url", ["", "https://pypi.acme.example/simple", "http://10.0.0.5:8080/"])
def test_good_index_urls(url: str) -> None:
    assert answers.package_index_url_error(url) == ""


@pytest.mark.parametrize("url", ["pypi.acme.example", "ftp://x/simple", "https://", "https://a b"])
def test_bad_index_urls(url: str) -> None:
    assert "is not a package index URL" in answers.package_index_url_error(url)


def test_extra_ruff_rules() -> None:
    assert answers.ruff_extra_rules_error("") == ""
    assert answers.ruff_extra_rules_error("FURB PLC0415, S") == ""
    message = answers.ruff_extra_rules_error("furb E50x")
    assert message.startswith("'furb', 'E50x': not ruff rule codes.")


def test_an_update_passes_recorded_answers_the_template_no_longer_asks() -> None:
    # `copier update` renders the new release with the project's recorded answers as data.
    recorded = {"project_name": "X", "removed_question": "kept from an old release"}

    context.unknown_data_keys(recorded, TEMPLATE, "update")
    with pytest.raises(UserMessageError, match="Not questions of this template: removed_question"):
        context.unknown_data_keys(recorded, TEMPLATE, "copy")
