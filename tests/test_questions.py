"""Bad answers are refused with a message a person understands, and nothing is written.

The rules are copier.yml's validators (extensions/answers.py). Copier runs them on answers passed
with ``--data`` and on answers taken as defaults (``--defaults``, pytest-copie's ``user_defaults``)
alike, before it creates the destination.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from conftest import TEMPLATE
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
        "'class' is a Python keyword; `import class` would not work. Choose another package name.",
        id="package-keyword",
    ),
    pytest.param(
        {"package_name": "../evil"},
        "package_name",
        "'../evil' is not a valid package name: use lowercase ASCII letters, digits and "
        "underscores, starting with a letter (for example 'evil').",
        id="package-path",
    ),
    pytest.param(
        {"package_name": "logging"},
        "package_name",
        "'logging' is a module of the Python standard library; a package of that name would "
        "shadow it. Choose another package name.",
        id="package-stdlib",
    ),
    pytest.param(
        {"package_name": "anthropic"},
        "package_name",
        "'anthropic' is the import name of a dependency of the generated project; a package of "
        "that name would shadow it. Choose another package name.",
        id="package-dependency",
    ),
    pytest.param(
        {"package_name": "x" * 41},
        "package_name",
        "The package name is 41 characters long; keep it to 40 or fewer.",
        id="package-too-long",
    ),
    pytest.param(
        {"project_slug": "My Pkg"},
        "project_slug",
        "'My Pkg' is not a valid project slug: use lowercase ASCII letters, digits and single "
        "hyphens, starting with a letter (for example 'my-pkg').",
        id="slug-spaces",
    ),
    pytest.param(
        {"project_slug": "../evil"},
        "project_slug",
        "'../evil' is not a valid project slug: use lowercase ASCII letters, digits and single "
        "hyphens, starting with a letter (for example 'evil').",
        id="slug-path",
    ),
    pytest.param(
        {"project_name": ""},
        "project_name",
        "The project name cannot be empty: it titles the README and names the package.",
        id="name-empty",
    ),
    pytest.param(
        {"project_name": "   "},
        "project_name",
        "The project name cannot be empty: it titles the README and names the package.",
        id="name-blank",
    ),
    pytest.param(
        {"project_name": LONG_NAME},
        "project_name",
        "The project name is 300 characters long; keep it to 80 or fewer.",
        id="name-300-characters",
    ),
    pytest.param(
        {"project_name": "42 Agents"},
        "project_name",
        "'42 Agents' must start with a letter and contain ASCII letters or digits, so that a "
        "package name can be made from it.",
        id="name-starts-with-digit",
    ),
    pytest.param(
        {"author_email": "ada.example.com"},
        "author_email",
        "'ada.example.com' is not an e-mail address: it needs a name, an @ and a domain, like "
        "ada@example.com.",
        id="email-without-at",
    ),
    pytest.param(
        {"description": 'Says "hi"'},
        "description",
        'The description must not contain double quotes (") or backslashes (\\).',
        id="description-quotes",
    ),
    pytest.param(
        {"description": "two\nlines"},
        "description",
        "The description must be a single line without control characters.",
        id="description-newline",
    ),
    pytest.param(
        {"model": "gpt 5"},
        "model",
        "'gpt 5' is not a model identifier: use the provider's model id without spaces, for "
        "example claude-sonnet-5-5, gpt-5.5 or llama3.2.",
        id="model-space",
    ),
]


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

    assert str(caught.value) == f"Validation error for question '{question}': {message}"
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
    assert str(result.exception) == f"Validation error for question '{question}': {message}"
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


@pytest.mark.parametrize(
    ("provider", "model"),
    [("anthropic", "claude-sonnet-5-5"), ("openai", "gpt-5.5"), ("openai_compatible", "llama3.2")],
)
def test_the_default_model_follows_the_provider(copie: Copie, provider: str, model: str) -> None:
    result = copie.copy(extra_answers={"project_name": "Agent", "provider": provider})

    assert result.exception is None, result.exception
    assert result.answers["model"] == model
