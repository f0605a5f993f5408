"""The conventions, one small class each, in repo-review's check model.

Each class's docstring is its one-line description; ``review()`` answers ``True`` (passes), a
Markdown message that ends with how to fix it (fails), or ``Skip(reason)`` where the check does
not apply or cannot tell. repo-review shows a skip without a reason, so the families
(``families.py``) list the reasons. docs/conventions.md documents every check under its id.
"""

from __future__ import annotations

import configparser
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from copier_agent_conventions import files, standards
from copier_agent_conventions.links import docs_url
from copier_agent_conventions.presets import drift
from copier_agent_conventions.ranges import out_of_range
from copier_agent_conventions.releases import parse_release
from copier_agent_conventions.repository import ANSWERS_FILE, PRESET_ENV

if TYPE_CHECKING:
    from copier_agent_conventions.repository import Repository


@dataclass(frozen=True)
class Skip:
    """The check does not apply to this repository, or cannot tell; ``reason`` says which."""

    reason: str


Outcome = bool | str | Skip

NOT_PYTHON = Skip("not a Python project (no pyproject.toml with a [project] table)")
NOT_GENERATED = Skip(f"there is no {ANSWERS_FILE} (CAU001)")
WEB_FRAMEWORKS = frozenset(
    {"aiohttp", "django", "falcon", "fastapi", "flask", "gunicorn", "litestar", "quart"}
    | {"sanic", "starlette", "uvicorn"},
)
SECRET_SCANNERS = frozenset(
    {"detect-secrets", "ggshield", "gitleaks", "ripsecrets", "secretlint", "trufflehog"},
)
# A settings field whose last word is one of these holds a secret (`llm_api_key`,
# `service_api_keys`, `github_token`), unlike `max_output_tokens` or `redis_key_prefix`.
SECRET_WORDS = frozenset(
    {"key", "keys", "token", "secret", "secrets", "password", "passwd", "credentials"},
)
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


class Convention:
    """Base of every check: the fixture it reads, and the skip for non-Python repositories."""

    family: ClassVar[str]
    requires: ClassVar[frozenset[str]] = frozenset()
    # Checks of Python tooling have nothing to say about a repository that is not Python.
    python_only: ClassVar[bool] = True

    def __init__(self, url: str = "") -> None:
        self.url = url

    def check(self, copier_agent: Repository) -> bool | str | None:
        """The check, as repo-review calls it: a failure's message says how to fix it."""
        outcome = self.outcome(copier_agent)
        return None if isinstance(outcome, Skip) else outcome

    def outcome(self, repo: Repository) -> Outcome:
        """``review()``, unless the repository is not one this check can judge."""
        if self.python_only and not repo.is_python:
            return NOT_PYTHON
        return self.review(repo)

    def review(self, repo: Repository) -> Outcome:
        """Judge ``repo``."""
        raise NotImplementedError


def _answer(repo: Repository, question: str) -> object:
    return (repo.answers or {}).get(question)


def _tool(repo: Repository, name: str) -> dict[str, Any]:
    table = repo.pyproject.get("tool", {}).get(name, {})
    return table if isinstance(table, dict) else {}


def _listed(value: object) -> list[str]:
    if isinstance(value, str):
        return value.split()
    return [str(item) for item in value] if isinstance(value, list) else []


def _has_ci(repo: Repository) -> bool:
    return bool(repo.workflows) or repo.gitlab_ci is not None


def _ci_commands(repo: Repository) -> list[str]:
    return files.github_commands(repo.workflows) + files.gitlab_commands(repo.gitlab_ci or {})


# --------------------------------------------------------------------------------------------
# The Python project
# --------------------------------------------------------------------------------------------


class Project(Convention):
    """The Python project's shape."""

    family = "copier-agent.project"


class CAP001(Project):
    """Source in a src/ layout, each package marked typed with py.typed"""

    def review(self, repo: Repository) -> Outcome:
        if not repo.src_packages:
            return (
                "No import package under `src/` (a directory with an `__init__.py`). "
                "**Fix:** move the package to `src/<package>/`, so that tests run against the "
                "installed package rather than the working directory."
            )
        untyped = sorted(name for name, typed in repo.src_packages.items() if not typed)
        if untyped:
            paths = ", ".join(f"`src/{name}/py.typed`" for name in untyped)
            return (
                f"Missing {paths}: type checkers ignore the package's annotations for its users. "
                "**Fix:** add the empty marker file (PEP 561)."
            )
        return True


class CAP002(Project):
    """requires-python at or above the organisation's floor"""

    def review(self, repo: Repository) -> Outcome:
        floor = str((repo.preset or {}).get("python_version", standards.PYTHON_FLOOR))
        fix = f'**Fix:** `requires-python = ">={floor}"` in `[project]`.'
        text = repo.pyproject["project"].get("requires-python")
        if not isinstance(text, str):
            return f"`[project]` sets no `requires-python`. {fix}"
        try:
            specifiers = SpecifierSet(text)
        except InvalidSpecifier:
            return f"`requires-python = {text!r}` is not a valid specifier. {fix}"
        major, minor = (int(part) for part in floor.split(".")[:2])
        below = [f"{major}.{old}{patch}" for old in range(minor) for patch in ("", ".99")]
        allowed = sorted(
            {version.removesuffix(".99") for version in below if version in specifiers}
        )
        if allowed:
            return (
                f"`requires-python = {text!r}` allows Python {', '.join(allowed)}, below the "
                f"floor {floor}. {fix}"
            )
        return True


# --------------------------------------------------------------------------------------------
# Lint, format and types
# --------------------------------------------------------------------------------------------


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
        ruff = _tool(repo, "ruff")
        lint = ruff.get("lint", {}) if isinstance(ruff.get("lint"), dict) else {}
        if not ruff:
            return "No `[tool.ruff]` configuration. **Fix:** copy the template's ruff tables."

        def setting(name: str) -> set[str]:
            return {*_listed(lint.get(name, ruff.get(name, [])))}

        selected = setting("select") or {"E4", "E7", "E9", "F"}  # ruff's own default
        selected |= setting("extend-select")
        required = {*standards.RUFF_SELECT}
        required |= {*_listed(_answer(repo, "ruff_extra_rules"))}
        required |= {*_listed((repo.preset or {}).get("ruff_extra_rules"))}
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
                for code in _listed(codes)
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
        if _has_ci(repo) and not any(
            re.search(r"\bruff\s+format\b.*--(check|diff)\b", command)
            for command in _ci_commands(repo)
        ):
            problems.append("the CI does not run `ruff format --check`")
        if repo.precommit is not None and not any(
            hook.id == "ruff-format" for hook in files.precommit_hooks(repo.precommit)
        ):
            problems.append("`.pre-commit-config.yaml` has no `ruff-format` hook")
        if not _has_ci(repo) and repo.precommit is None:
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
        mypy = _tool(repo, "mypy")
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


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


class Tests(Convention):
    """The test suite."""

    family = "copier-agent.tests"


class CAT001(Tests):
    """pytest measures coverage and fails below the floor"""

    def review(self, repo: Repository) -> Outcome:
        floor = standards.COVERAGE_FLOOR
        fix = (
            f'**Fix:** `addopts = ["--cov"]` in `[tool.pytest.ini_options]` and '
            f"`fail_under = {floor}` in `[tool.coverage.report]`."
        )
        pytest = _tool(repo, "pytest")
        options = pytest.get("ini_options", pytest)
        if not options:
            return f"No pytest configuration in pyproject.toml. {fix}"
        addopts = _listed(options.get("addopts", []))
        if not any(option == "--cov" or option.startswith("--cov=") for option in addopts):
            return f"pytest does not measure coverage (`--cov` is not in `addopts`). {fix}"
        limits = [
            option.partition("=")[2] for option in addopts if option.startswith("--cov-fail-under=")
        ]
        report = _tool(repo, "coverage").get("report", {})
        limit = (
            limits[-1] if limits else report.get("fail_under") if isinstance(report, dict) else None
        )
        try:
            value = float(limit) if limit is not None else None
        except ValueError:
            value = None
        if value is None or value < floor:
            shown = "not set" if limit is None else limit
            return f"The coverage floor is {shown}, below {floor}. {fix}"
        return True


# --------------------------------------------------------------------------------------------
# Dependencies
# --------------------------------------------------------------------------------------------


class Dependencies(Convention):
    """Dependency ranges and the lock file."""

    family = "copier-agent.dependencies"


class CAD001(Dependencies):
    """uv.lock exists and is in sync with pyproject.toml"""

    def review(self, repo: Repository) -> Outcome:
        fix = "**Fix:** `uv lock`, then commit uv.lock."
        if not repo.has_lock:
            return f"There is no uv.lock: installs are not reproducible. {fix}"
        result = repo.lock_check
        if result.skipped:
            return Skip(f"`uv lock --check` cannot run: {result.skipped}")
        if not result.in_sync:
            last = (result.output.splitlines() or ["uv lock --check failed"])[-1]
            return f"uv.lock does not match pyproject.toml (`uv lock --check`: {last}). {fix}"
        return True


def _requirements(pyproject: dict[str, Any]) -> list[str]:
    project = pyproject["project"]
    found = _listed(project.get("dependencies", []))
    for extra in (project.get("optional-dependencies") or {}).values():
        found += _listed(extra)
    for group in (pyproject.get("dependency-groups") or {}).values():
        # `{include-group = "..."}` entries are tables: the included group is listed itself.
        found += (
            [item for item in group if isinstance(item, str)] if isinstance(group, list) else []
        )
    return found


class CAD002(Dependencies):
    """Dependencies stay within the template's tested version ranges"""

    def review(self, repo: Repository) -> Outcome:
        problems = out_of_range(_requirements(repo.pyproject), standards.VERSIONS)
        if problems:
            return (
                f"Outside the tested ranges: {'; '.join(problems)}. **Fix:** use the template's "
                "range (a narrower one is fine); `copier update` brings newer tested ranges."
            )
        return True


# --------------------------------------------------------------------------------------------
# Continuous integration
# --------------------------------------------------------------------------------------------


class Ci(Convention):
    """Continuous integration."""

    family = "copier-agent.ci"


class CAC001(Ci):
    """CI runs lint, type checks and tests"""

    def review(self, repo: Repository) -> Outcome:
        if not _has_ci(repo):
            if _answer(repo, "ci") == "none":
                return Skip(f"the project chose no CI (`ci: none` in {ANSWERS_FILE})")
            return (
                "No CI configuration (`.github/workflows/*.yml` or `.gitlab-ci.yml`). "
                "**Fix:** add a pipeline that runs `ruff check`, `mypy` and `pytest`."
            )
        commands = _ci_commands(repo)
        # A tool run, not a package installed: `pytest` but not `pytest-cov`.
        wanted = {
            "lint (`ruff check`)": r"\bruff\s+check\b",
            "types (`mypy`)": r"\bmypy\b(?![-\w])",
            "tests (`pytest`)": r"\bpytest\b(?![-\w])",
        }
        missing = [
            label
            for label, pattern in wanted.items()
            if not any(re.search(pattern, command) for command in commands)
        ]
        if missing:
            return (
                f"The CI does not run {', '.join(missing)}. **Fix:** add the steps "
                "(`uv run ruff check .`, `uv run mypy`, `uv run pytest`)."
            )
        return True


# --------------------------------------------------------------------------------------------
# Pre-commit
# --------------------------------------------------------------------------------------------


class PreCommit(Convention):
    """Hooks that run before each commit."""

    family = "copier-agent.pre-commit"


class CAH001(PreCommit):
    """pre-commit runs ruff, mypy and a secret scanner"""

    def review(self, repo: Repository) -> Outcome:
        fix = (
            "**Fix:** add the hooks (the template's `.pre-commit-config.yaml` has them: "
            "`ruff-check`, a local `uv run mypy`, `gitleaks`)."
        )
        if repo.precommit is None:
            return f"No `.pre-commit-config.yaml`. {fix}"
        hooks = files.precommit_hooks(repo.precommit)
        missing = []
        if not any(hook.id in {"ruff", "ruff-check"} for hook in hooks):
            missing.append("ruff")
        if not any(hook.id == "mypy" or "mypy" in hook.entry for hook in hooks):
            missing.append("mypy")
        if not any(hook.id in SECRET_SCANNERS for hook in hooks):
            missing.append(f"a secret scanner ({', '.join(sorted(SECRET_SCANNERS))})")
        if missing:
            return f"pre-commit does not run {', '.join(missing)}. {fix}"
        return True


# --------------------------------------------------------------------------------------------
# Container image
# --------------------------------------------------------------------------------------------


class Container(Convention):
    """The container image (where there is a Dockerfile)."""

    family = "copier-agent.container"
    python_only = False


class CAI001(Container):
    """The container image runs as a non-root user"""

    def review(self, repo: Repository) -> Outcome:
        if repo.dockerfile is None:
            return Skip("there is no Dockerfile")
        if files.runs_as_root(files.final_stage(repo.dockerfile)):
            return (
                "The image's last stage runs as root. **Fix:** create an unprivileged user "
                "with a fixed id and switch to it: `USER 10001:10001`."
            )
        return True


def _web_service(repo: Repository) -> str | None:
    """Why the project is not a web service, or ``None`` when it is one."""
    interface = _answer(repo, "interface")
    if interface is not None:
        return None if interface == "web" else f"`interface: {interface}` in {ANSWERS_FILE}"
    names = {
        re.split(r"[^A-Za-z0-9_.-]", requirement, maxsplit=1)[0].lower()
        for requirement in _listed(repo.pyproject.get("project", {}).get("dependencies", []))
    }
    if names & WEB_FRAMEWORKS:
        return None
    stage = files.final_stage(repo.dockerfile or "")
    if any(keyword == "EXPOSE" for keyword, _ in stage):
        return None
    return "no web framework among the dependencies and no EXPOSE in the Dockerfile"


class CAI002(Container):
    """A web service's container image has a HEALTHCHECK"""

    def review(self, repo: Repository) -> Outcome:
        if repo.dockerfile is None:
            return Skip("there is no Dockerfile")
        not_web = _web_service(repo)
        if not_web:
            return Skip(f"not a web service ({not_web})")
        checks = [
            arguments
            for keyword, arguments in files.final_stage(repo.dockerfile)
            if keyword == "HEALTHCHECK"
        ]
        if not checks or checks[-1].upper().startswith("NONE"):
            return (
                "The image has no HEALTHCHECK, so a container whose service hangs still counts "
                "as healthy. **Fix:** `HEALTHCHECK CMD` a request to the liveness endpoint "
                "(`/healthz`)."
            )
        return True


# --------------------------------------------------------------------------------------------
# Secrets and settings
# --------------------------------------------------------------------------------------------


class Secrets(Convention):
    """Secrets and settings."""

    family = "copier-agent.secrets"


class CAS001(Secrets):
    """.env is git-ignored and .env.example documents the settings"""

    python_only = False

    def review(self, repo: Repository) -> Outcome:
        gitignore = repo.gitignore or ""
        problems = []
        if not files.ignored(gitignore, ".env"):
            problems.append("`.gitignore` does not ignore `.env`, so secrets can be committed")
        if not repo.has_env_example:
            problems.append("there is no `.env.example`")
        elif files.ignored(gitignore, ".env.example"):
            problems.append("`.gitignore` ignores `.env.example` too")
        if problems:
            return (
                f"{'; '.join(problems).capitalize()}. **Fix:** `.env`, `.env.*` and "
                "`!.env.example` in `.gitignore`, and a `.env.example` with every setting."
            )
        return True


def _holds_secret(field: str) -> bool:
    return field.lower().rsplit("_", 1)[-1] in SECRET_WORDS


class CAS002(Secrets):
    """Settings are read with an env prefix and secrets are typed as secrets"""

    def review(self, repo: Repository) -> Outcome:
        if not repo.settings:
            return Skip("no pydantic-settings `BaseSettings` class under src/")
        problems = []
        for settings in repo.settings:
            where = f"`{settings.name}` ({settings.path})"
            if settings.env_prefix in {None, "''", '""'}:
                problems.append(f"{where} reads variables without an `env_prefix`")
            problems += [
                f"{where}: `{name}: {annotation}` is not a `SecretStr`"
                for name, annotation in settings.fields.items()
                if _holds_secret(name) and "Secret" not in annotation
            ]
        if problems:
            return (
                f"{'; '.join(problems)}. **Fix:** `env_prefix` in `model_config`, so that "
                "the project's variables cannot collide with others'; `SecretStr` for keys, "
                "tokens and passwords, so that they never show in logs or reprs."
            )
        return True


# --------------------------------------------------------------------------------------------
# The template
# --------------------------------------------------------------------------------------------


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
        commit = str(_answer(repo, "_commit") or "")
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


FAMILIES: tuple[type[Convention], ...] = (
    Project,
    Lint,
    Tests,
    Dependencies,
    Ci,
    PreCommit,
    Container,
    Secrets,
    Template,
)


def all_checks() -> dict[str, Convention]:
    """Every check by its id, each linked to its documentation."""
    return {
        check.__name__: check(docs_url(check.__name__))
        for family in FAMILIES
        for check in family.__subclasses__()
    }


def repo_review_checks() -> dict[str, Convention]:
    """repo-review's entry point (``repo_review.checks``)."""
    return all_checks()
