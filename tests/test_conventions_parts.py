"""The conventions plugin's readers and rules, one at a time (drifts: test_conventions.py)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import TEMPLATE
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from copier_agent_conventions import files
from copier_agent_conventions.checks import all_checks
from copier_agent_conventions.links import docs_base
from copier_agent_conventions.presets import drift, load_preset
from copier_agent_conventions.ranges import out_of_range, within
from copier_agent_conventions.releases import git_url, list_releases, parse_release

TESTED = ">=2.14,<3"


@pytest.mark.parametrize(
    ("project", "problem"),
    [
        (">=2.14,<3", None),
        (">=2.15,<2.20", None),  # narrower is fine
        ("~=2.14", None),  # >=2.14,<3
        ("==2.16.1", None),
        ("==2.*", "allows versions below the tested range"),  # 2.0 is allowed
        (">=2.10,<3", "allows versions below the tested range"),
        ("", "allows versions below the tested range"),
        (">=2.14", "has no upper bound"),
        (">=2.14,<4", "allows versions above the tested range"),
        (">=2.14,<=3", "allows versions above the tested range"),  # 3 itself is not tested
        (">=2.14,<=2.99", None),
    ],
)
def test_a_range_within_the_tested_one(project: str, problem: str | None) -> None:
    assert within(SpecifierSet(project), SpecifierSet(TESTED)) == problem


def test_out_of_range_names_requirements_and_leaves_unknown_packages_alone() -> None:
    tested = {"pydantic": TESTED, "psycopg[binary]": ">=3.3,<4", "tzdata": ">=2026.6"}

    problems = out_of_range(
        ["pydantic>=2", "psycopg[binary,pool]>=3.3,<4", "tzdata>=2026.6", "rich", "not valid!"],
        tested,
    )

    assert problems == [
        "`pydantic>=2`: allows versions below the tested range (tested: `>=2.14,<3`)",
        "`not valid!`: not a valid requirement",
    ]


@pytest.mark.parametrize(
    ("dockerfile", "expected"),
    [
        ("FROM python\nRUN true\n", "root"),
        ("FROM python\nUSER root\n", "root"),
        ("FROM python\nUSER 0:0\n", "root"),
        ("FROM python\nUSER 10001:10001\n", "user"),
        ("FROM python\nUSER app\n", "user"),
        # Only the last stage runs: a user switched to in the build stage does not count.
        ("FROM python AS build\nUSER app\nFROM python\nRUN true\n", "root"),
        ("FROM python\nUSER app\nUSER root\n", "root"),
    ],
)
def test_who_the_image_runs_as(dockerfile: str, expected: str) -> None:
    assert ("root" if files.runs_as_root(files.final_stage(dockerfile)) else "user") == expected


def test_continuation_lines_belong_to_their_instruction() -> None:
    stage = files.final_stage('FROM x\nHEALTHCHECK --interval=5s \\\n    CMD ["true"]\n')

    assert [keyword for keyword, _ in stage] == ["FROM", "HEALTHCHECK"]
    assert stage[1][1].endswith('CMD ["true"]')


@pytest.mark.parametrize(
    ("gitignore", "expected"),
    [
        (".env\n.env.*\n!.env.example\n", (True, False)),
        (".env*\n", (True, True)),
        (".env*\n!.env.example\n", (True, False)),
        ("/.env\n", (True, False)),
        ("**/.env\n", (True, False)),
        (".env.*\n", (False, True)),
        (".env\n!.env\n", (False, False)),
        ("# .env\n.venv/\n", (False, False)),
    ],
)
def test_what_gitignore_ignores(gitignore: str, expected: tuple[bool, bool]) -> None:
    # (is .env ignored, is .env.example ignored)
    assert (files.ignored(gitignore, ".env"), files.ignored(gitignore, ".env.example")) == expected


def test_ci_commands_from_github_and_gitlab() -> None:
    workflow = {"jobs": {"lint": {"steps": [{"uses": "x"}, {"run": "uv run mypy"}]}}}
    pipeline = {
        "stages": ["check"],
        ".uv": {"before_script": ["uv sync"]},
        "test": {"script": "uv run pytest"},
    }

    assert files.github_commands({"ci.yml": workflow}) == ["uv run mypy"]
    assert files.gitlab_commands(pipeline) == ["uv sync", "uv run pytest"]


@pytest.mark.parametrize(
    ("ref", "version"),
    [
        ("v1.2.0", "1.2.0"),
        ("1.2.0", "1.2.0"),
        ("v1.2.0-3-gabc1234", "1.2.0"),  # git describe: three commits after v1.2.0
        ("d6bf11f", None),
        ("", None),
    ],
)
def test_the_release_a_ref_names(ref: str, version: str | None) -> None:
    assert parse_release(ref) == (Version(version) if version else None)


def test_copier_shorthands_become_git_urls() -> None:
    assert git_url("gh:acme/copier-agent") == "https://github.com/acme/copier-agent.git"
    assert git_url("gl:acme/copier-agent.git") == "https://gitlab.com/acme/copier-agent.git"
    assert git_url("/srv/templates/copier-agent") == "/srv/templates/copier-agent"


def test_listing_releases_offline_says_why() -> None:
    assert list_releases(None).unavailable == "the answers do not record the template's source"
    assert "COPIER_AGENT_OFFLINE" in str(list_releases("gh:a/b", offline=True).unavailable)


@pytest.mark.parametrize(
    ("origin", "base"),
    [
        (
            {"url": "https://github.com/acme/copier-agent.git", "vcs_info": {"commit_id": "abc"}},
            "https://github.com/acme/copier-agent/blob/abc/docs/conventions.md",
        ),
        (
            {"url": "https://gitlab.com/acme/copier-agent", "vcs_info": {"commit_id": "abc"}},
            "https://gitlab.com/acme/copier-agent/-/blob/abc/docs/conventions.md",
        ),
        (
            {"url": "file:///src/copier-agent", "dir_info": {"editable": True}},
            "file:///src/copier-agent/docs/conventions.md",
        ),
        ({"url": "https://example.com/x.tar.gz", "archive_info": {}}, ""),
    ],
)
def test_the_docs_link_follows_where_the_plugin_came_from(
    origin: dict[str, object], base: str
) -> None:
    assert docs_base(json.dumps(origin)) == base
    assert docs_base(None) == ""


def test_a_preset_that_cannot_be_used_says_why() -> None:
    assert load_preset(None) == (None, None)
    assert "cannot be read" in str(load_preset("/no/such/preset.yml")[1])


def test_drift_lists_each_differing_answer() -> None:
    problems = drift({"license": "MIT", "ci": "gitlab"}, {"license": "MIT", "ci": "github"})

    assert problems == ["`ci`: `'github'`, the preset says `'gitlab'`"]


def test_the_docs_describe_every_check_in_order() -> None:
    text = (TEMPLATE / "docs" / "conventions.md").read_text(encoding="utf-8")
    checks = all_checks()

    assert re.findall(r"^#### (CA[A-Z]\d{3})$", text, flags=re.MULTILINE) == list(checks)
    for check in checks.values():
        assert f"**{(check.__doc__ or '').strip()}.**" in text
