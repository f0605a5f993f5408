"""An organisation's preset: the answers it keeps the same in every repository.

The preset is the YAML file the organisation passes to ``copier copy --data-file`` (see
``docs/presets.md``): question names and answers, for example ``license: Apache-2.0``. The
plugin reads the same file to tell whether a repository's recorded answers still match it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# An organisation's answers by question name.
Preset = dict[str, Any]


def load_preset(location: str | None) -> tuple[Preset | None, str | None]:
    """The preset at ``location`` (a YAML file), or why it cannot be used.

    Returns:
        ``(preset, None)``; ``(None, None)`` when no preset is configured; ``(None, problem)``
        when one is configured but cannot be read.
    """
    if location is None:
        return None, None
    path = Path(location)
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        return None, f"the preset {location} cannot be read ({error.strerror or error})"
    except yaml.YAMLError as error:
        return None, f"the preset {location} is not valid YAML ({error})"
    if not isinstance(loaded, dict) or not all(isinstance(key, str) for key in loaded):
        return None, f"the preset {location} is not a mapping of question names to answers"
    return loaded, None


def drift(preset: Preset, answers: dict[str, Any]) -> list[str]:
    """How ``answers`` differ from ``preset``, one line per question; empty when they match."""
    problems = []
    for question, wanted in preset.items():
        if question not in answers:
            problems.append(
                f"`{question}`: the preset sets it, but this project's template version does "
                "not ask it (update the project)"
            )
        elif answers[question] != wanted:
            problems.append(f"`{question}`: `{answers[question]!r}`, the preset says `{wanted!r}`")
    return problems
