"""Bad answers are refused with a message a person understands, and nothing is written.

The rules are copier.yml's validators (extensions/answers.py). Copier runs them on answers passed
with ``--data`` and on answers taken as defaults (``--defaults``, pytest-copie's ``user_defaults``)
alike, before it creates the destination.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from conftest import QUESTIONS, TEMPLATE
from copier import run_copy

if TYPE_CHECKING:
    from pathlib import Path

    from pytest_copie.plugin import Copie

LONG_NAME = "A" * 300

# (answers, question, the message the person sees)
BAD_ANSWERS = [
    pytest.param(
        {"package_name": "class"},
        "package_name",
        "A Python keyword.",
        id="package-keyword",
    ),
    pytest.param(
        {"package_name": "../evil"},
        "package_name",
        "Use a-z, 0-9 and _, from a letter.",
        id="package-path",
    ),
    pytest.param(
        {"package_name": "logging"},
        "package_name",
        "Shadows a standard library module.",
        id="package-stdlib",
    ),
    pytest.param(
        {"package_name": "anthropic"},
        "package_name",
        "Shadows a dependency's module.",
        id="package-dependency",
    ),
    pytest.param(
        {"package_name": "x" * 41},
        "package_name",
        "41 characters; 40 at most.",
        id="package-too-long",
    ),
    pytest.param(
        {"package_name": "conftest"},
        "package_name",
        "Shadows a module of the tests.",
        id="package-test-helpers",
    ),
    pytest.param(
        {"package_name": "config"},
        "package_name",
        "Its error class name is taken.",
        id="package-root-error-taken",
    ),
    pytest.param(
        {"project_slug": "pytest"},
        "project_slug",
        "A dependency has this name.",
        id="slug-dependency",
    ),
    pytest.param(
        {"project_slug": "My Pkg"},
        "project_slug",
        "Use a-z, 0-9 and single hyphens.",
        id="slug-spaces",
    ),
    pytest.param(
        {"project_slug": "../evil"},
        "project_slug",
        "Use a-z, 0-9 and single hyphens.",
        id="slug-path",
    ),
    pytest.param(
        {"project_name": ""},
        "project_name",
        "Enter a name.",
        id="name-empty",
    ),
    pytest.param(
        {"project_name": "   "},
        "project_name",
        "Enter a name.",
        id="name-blank",
    ),
    pytest.param(
        {"project_name": LONG_NAME},
        "project_name",
        "300 characters; 80 at most.",
        id="name-300-characters",
    ),
    pytest.param(
        {"project_name": "2048"},
        "project_name",
        "Needs a word starting with a-z.",
        id="name-without-a-word-that-starts-with-a-letter",
    ),
    pytest.param(
        {"author_email": "ada.example.com"},
        "author_email",
        "Like ada@example.com, or empty.",
        id="email-without-at",
    ),
    pytest.param(
        {"description": 'Says "hi"'},
        "description",
        "No double quotes or backslashes.",
        id="description-quotes",
    ),
    pytest.param(
        {"description": "two\nlines"},
        "description",
        "One line, no control characters.",
        id="description-newline",
    ),
    pytest.param(
        {"model": "gpt 5"},
        "model",
        "Use the model id, without spaces.",
        id="model-space",
    ),
]


# Copier shows a refused answer as this line, which a terminal cuts at its width (80 columns).
def _shown(question: str, message: str) -> str:
    return f"Validation error for question '{question}': {message}"


@pytest.mark.parametrize(("bad", "question", "message"), BAD_ANSWERS)
def test_each_message_fits_an_80_column_prompt(
    bad: dict[str, Any],
    question: str,
    message: str,
) -> None:
    del bad
    assert len(_shown(question, message)) <= 80


def test_each_help_line_fits_an_80_column_prompt() -> None:
    # Copier asks with "🎤 " (3 columns) before the help; a terminal cuts each line at its width.
    for question, spec in QUESTIONS.items():
        if question.startswith("_"):
            continue
        for line in spec["help"].splitlines():
            assert len(line) + 3 <= 80, f"{question}: {line}"


def _valid(**overrides: Any) -> dict[str, Any]:  # noqa: ANN401 - answers are of any type
    return {"project_name": "Support Triage Agent", **overrides}


@pytest.mark.parametrize(("bad", "question", "message"), BAD_ANSWERS)
def test_data_answers_are_validated_before_anything_is_written(
    tmp_path: Path,
    bad: dict[str, Any],
    question: str,
    message: str,
) -> None:
    destination = tmp_path / "project"

    with pytest.raises(ValueError, match="Validation error") as caught:
        run_copy(
            str(TEMPLATE),
            destination,
            data=_valid(**bad),
            defaults=True,
            unsafe=True,
            vcs_ref="HEAD",
            quiet=True,
        )

    assert str(caught.value) == _shown(question, message)
    assert not destination.exists()


@pytest.mark.parametrize(("bad", "question", "message"), BAD_ANSWERS)
def test_default_answers_are_validated_too(
    copie: Copie,
    bad: dict[str, Any],
    question: str,
    message: str,
) -> None:
    result = copie.copy(extra_answers=_valid(**bad))

    assert isinstance(result.exception, ValueError)
    assert str(result.exception) == _shown(question, message)
    assert [path for path in copie.test_dir.rglob("*") if path.is_file()] == []


def test_a_missing_project_name_is_required(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match='Question "project_name" is required'):
        run_copy(
            str(TEMPLATE),
            tmp_path / "project",
            defaults=True,
            unsafe=True,
            vcs_ref="HEAD",
            quiet=True,
        )
    assert not (tmp_path / "project").exists()


def test_defaults_follow_the_project_name(copie: Copie) -> None:
    result = copie.copy(extra_answers={"project_name": "Support Triage Agent!"})

    assert result.exception is None, result.exception
    assert result.answers["project_slug"] == "support-triage-agent"
    assert result.answers["package_name"] == "support_triage_agent"
    assert result.answers["model"] == "claude-sonnet-5-5"
    assert result.project_dir is not None
    assert (result.project_dir / "src" / "support_triage_agent" / "settings.py").is_file()


def test_a_name_that_starts_with_a_digit_makes_a_package_that_starts_with_a_letter(
    copie: Copie,
) -> None:
    result = copie.copy(extra_answers={"project_name": "3D Printer Agent"})

    assert result.exception is None, result.exception
    assert result.answers["project_slug"] == "3d-printer-agent"
    assert result.answers["package_name"] == "printer_agent"
    assert result.project_dir is not None
    assert (result.project_dir / "src" / "printer_agent" / "errors.py").is_file()


@pytest.mark.parametrize(
    ("provider", "model"),
    [("anthropic", "claude-sonnet-5-5"), ("openai", "gpt-5.5"), ("openai_compatible", "llama3.2")],
)
def test_the_default_model_follows_the_provider(copie: Copie, provider: str, model: str) -> None:
    result = copie.copy(extra_answers={"project_name": "Agent", "provider": provider})

    assert result.exception is None, result.exception
    assert result.answers["model"] == model
