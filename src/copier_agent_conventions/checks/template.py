"""The link to the template: answers, release, organisation preset."""

from __future__ import annotations

from typing import TYPE_CHECKING

from copier_agent_conventions.checks.base import (
    NOT_GENERATED,
    Convention,
    Outcome,
    Skip,
    answer,
)
from copier_agent_conventions.presets import drift
from copier_agent_conventions.releases import parse_release
from copier_agent_conventions.repository import ANSWERS_FILE, PRESET_ENV

if TYPE_CHECKING:
    from copier_agent_conventions.repository import Repository


class Template(Convention):
    """The link to the template: answers, version, preset."""

    family = "copier-agent.template"
    python_only = False


class CAU001(Template):
    """.copier-answers.yml records the template and its version"""

    def review(self, repo: Repository) -> Outcome:
        if repo.answers is None:
            return (
                f"There is no {ANSWERS_FILE}: this repository was not generated from the "
                "template, or lost its record, so `copier update` cannot bring it up to date. "
                "**Fix:** adopt the template: in a branch, `copier copy --trust <template> .` "
                "with the answers that describe the project, keep what is yours, commit."
            )
        missing = [key for key in ("_src_path", "_commit") if not repo.answers.get(key)]
        if missing:
            return (
                f"{ANSWERS_FILE} does not record {', '.join(f'`{key}`' for key in missing)}. "
                "**Fix:** render it again with copier (never edit the file by hand)."
            )
        return True


class CAU002(Template):
    """The template version is not behind its newest release"""

    requires = frozenset({"CAU001"})

    def review(self, repo: Repository) -> Outcome:
        if repo.answers is None:
            return NOT_GENERATED
        commit = str(answer(repo, "_commit") or "")
        current = parse_release(commit)
        if current is None:
            return Skip(f"the project was rendered from `{commit}`, which is not a release tag")
        releases = repo.releases
        if releases.unavailable:
            return Skip(releases.unavailable)
        if releases.newest is None:
            return Skip("the template has no release tags")
        if current < releases.newest:
            return (
                f"Rendered from template {current}; {releases.newest} is out. **Fix:** "
                "`copier update --trust` in a clean checkout (or merge the scheduled "
                "template-update pull request), then `uv lock`."
            )
        return True


class CAU003(Template):
    """The answers match the organisation's preset"""

    requires = frozenset({"CAU001"})

    def review(self, repo: Repository) -> Outcome:
        if repo.answers is None:
            return NOT_GENERATED
        if repo.preset_error:
            return f"The organisation's preset cannot be used: {repo.preset_error}."
        if repo.preset is None:
            return Skip(
                f"no organisation preset is configured (`{PRESET_ENV}` or "
                "`[tool.copier-agent] preset` in pyproject.toml)"
            )
        problems = drift(repo.preset, repo.answers or {})
        if problems:
            return (
                f"The answers drifted from the preset: {'; '.join(problems)}. **Fix:** "
                "`copier update --trust --defaults --data-file <preset>`, which puts the "
                "preset's answers back."
            )
        return True
