"""Lint, format and types: ruff's rule set, ruff format, strict mypy."""

from __future__ import annotations

import configparser
import re
from typing import TYPE_CHECKING

from copier_agent_conventions import files, standards
from copier_agent_conventions.checks.base import (
    Convention,
    Outcome,
    answer,
    ci_commands,
    has_ci,
    listed,
    tool_table,
)

if TYPE_CHECKING:
    from copier_agent_conventions.repository import Repository

# mypy options that `strict` turns on; setting one to false weakens it again.
STRICT_FLAGS = frozenset(
    {
        "check_untyped_defs",
        "disallow_any_generics",
        "disallow_incomplete_defs",
        "disallow_subclassing_any",
        "disallow_untyped_calls",
        "disallow_untyped_decorators",
        "disallow_untyped_defs",
        "extra_checks",
        "no_implicit_reexport",
        "strict_equality",
        "warn_redundant_casts",
        "warn_return_any",
        "warn_unused_configs",
        "warn_unused_ignores",
    },
)


class Lint(Convention):
    """Lint, format and type checks."""

    family = "copier-agent.lint"


def _covers(rules: set[str], code: str) -> bool:
    """Whether selecting (or ignoring) ``rules`` takes in ``code``: ``PL`` covers ``PLR2004``."""
    return "ALL" in rules or any(code.startswith(rule) for rule in rules)


def _per_file_patterns(package: str) -> dict[str, set[str]]:
    return {
        pattern.format(package=package): set(rules)
        for pattern, rules in standards.RUFF_PER_FILE_IGNORES.items()
    }


class CAL001(Lint):
    """Ruff selects at least the template's rules and ignores no more"""

    def review(self, repo: Repository) -> Outcome:
        ruff = tool_table(repo, "ruff")
        lint = ruff.get("lint", {}) if isinstance(ruff.get("lint"), dict) else {}
        if not ruff:
            return "No `[tool.ruff]` configuration. **Fix:** copy the template's ruff tables."

        def setting(name: str) -> set[str]:
            return {*listed(lint.get(name, ruff.get(name, [])))}

        selected = setting("select") or {"E4", "E7", "E9", "F"}  # ruff's own default
        selected |= setting("extend-select")
        required = {*standards.RUFF_SELECT}
        required |= {*listed(answer(repo, "ruff_extra_rules"))}
        required |= {*listed((repo.preset or {}).get("ruff_extra_rules"))}
        problems = [f"`{rule}` is not selected" for rule in sorted(required - selected)]

        allowed = set(standards.RUFF_IGNORE)
        extra = sorted(
            code
            for code in setting("ignore") | setting("extend-ignore")
            if not _covers(allowed, code)
        )
        problems += [f"`{code}` is ignored" for code in extra]

        per_file = lint.get("per-file-ignores", ruff.get("per-file-ignores", {}))
        packages = sorted(repo.src_packages) or ["*"]
        template: dict[str, set[str]] = {}
        for package in packages:
            template |= _per_file_patterns(package)
        for pattern, codes in (per_file if isinstance(per_file, dict) else {}).items():
            allowed_here = allowed | template.get(pattern, set())
            problems += [
                f"`{code}` is ignored in `{pattern}`"
                for code in listed(codes)
                if not _covers(allowed_here, code)
            ]
        if problems:
            return (
                f"Ruff checks less than the template: {'; '.join(problems)}. **Fix:** select "
                "`ALL` and ignore only the template's rules; silence one line with "
                "`# noqa: <code>` and a reason instead."
            )
        return True


class CAL002(Lint):
    """Formatting is checked with ruff format, in CI and pre-commit"""

    def review(self, repo: Repository) -> Outcome:
        problems = []
        if has_ci(repo) and not any(
            re.search(r"\bruff\s+format\b.*--(check|diff)\b", command)
            for command in ci_commands(repo)
        ):
            problems.append("the CI does not run `ruff format --check`")
        if repo.precommit is not None and not any(
            hook.id == "ruff-format" for hook in files.precommit_hooks(repo.precommit)
        ):
            problems.append("`.pre-commit-config.yaml` has no `ruff-format` hook")
        if not has_ci(repo) and repo.precommit is None:
            problems.append("neither a CI configuration nor pre-commit runs `ruff format`")
        if problems:
            return (
                f"Formatting is not enforced: {'; '.join(problems)}. **Fix:** run "
                "`uv run ruff format --check .` in CI and the `ruff-format` pre-commit hook."
            )
        return True


class CAL003(Lint):
    """mypy runs in strict mode"""

    def review(self, repo: Repository) -> Outcome:
        fix = "**Fix:** `strict = true` in `[tool.mypy]`, without switching its parts off."
        mypy = tool_table(repo, "mypy")
        if not mypy and repo.mypy_ini is not None:
            parser = configparser.ConfigParser()
            parser.read_string(repo.mypy_ini)
            mypy = {
                key: value.strip().lower() == "true"
                for key, value in (parser["mypy"].items() if parser.has_section("mypy") else [])
            }
        if not mypy:
            return f"No mypy configuration. {fix}"
        if mypy.get("strict") is not True:
            return f"mypy is not strict. {fix}"
        weakened = sorted(flag for flag in STRICT_FLAGS if mypy.get(flag) is False)
        weakened += ["ignore_errors"] if mypy.get("ignore_errors") is True else []
        for override in mypy.get("overrides", []):
            if isinstance(override, dict) and override.get("ignore_errors") is True:
                weakened.append(f"ignore_errors for {override.get('module')}")
        if weakened:
            return f"strict mypy is weakened: {', '.join(f'`{flag}`' for flag in weakened)}. {fix}"
        return True
