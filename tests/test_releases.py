"""Releases: the tracked record, the tags made from it, and every recorded release rendering.

``releases.toml`` maps each version to the commit it was made from; ``scripts/releases.py``
checks it and makes the ``v<version>`` tags that copier reads.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from conftest import TEMPLATE
from packaging.version import Version
from template_repo import commit_all, git

from scripts import releases

if TYPE_CHECKING:
    from pathlib import Path

    from template_repo import TaggedTemplate

RECORDED = releases.load()


def _record(path: Path, entries: dict[str, str]) -> Path:
    lines = [f'"{version}" = "{commit}"' for version, commit in entries.items()]
    path.write_text("[releases]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with a main line of two commits and a side branch of one."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch", "main")
    for name in ("first", "second"):
        (repo / name).write_text(name, encoding="utf-8")
        commit_all(repo, name)
    git(repo, "switch", "--quiet", "--create", "side", "HEAD~1")
    commit_all(repo, "side")
    git(repo, "switch", "--quiet", "main")
    return repo


def _commit(repo: Path, revision: str) -> str:
    return git(repo, "rev-parse", revision).strip()


def test_this_repository_passes_its_own_check() -> None:
    releases.check(RECORDED, TEMPLATE)

    assert RECORDED[0] == releases.Release("0.1.0", "f0d5247e545afd0283a1897d656712fa7a82c572")


def test_every_changelog_release_is_recorded_and_every_record_is_in_the_changelog() -> None:
    changelog = (TEMPLATE / "CHANGELOG.md").read_text(encoding="utf-8")
    released = re.findall(r"^## (\S+) \(\d{4}-\d{2}-\d{2}\)$", changelog, flags=re.MULTILINE)

    assert sorted(released) == sorted(release.version for release in RECORDED)


@pytest.mark.parametrize("version", ["0.1.0", "1.0", "2.0.0rc1", "1.2.3.post4", "1.0.0b2.dev7"])
def test_versions_are_accepted_as_packaging_normalises_them(version: str) -> None:
    releases.version_key(version)

    assert str(Version(version)) == version


@pytest.mark.parametrize(
    "version",
    # The case first: copier silently ignores a tag that is not PEP 440.
    ["0.2.0-test", "v0.2.0", "01.0", "1.0.0-rc.1", "1.0.0+local", "1!1.0", "latest", ""],
)
def test_the_record_refuses_what_is_not_a_pep_440_version(tmp_path: Path, version: str) -> None:
    record = _record(tmp_path / "releases.toml", {version: "a" * 40})

    with pytest.raises(releases.ReleaseError, match="is not a PEP 440 version"):
        releases.load(record)


def test_versions_sort_as_pep_440_says() -> None:
    versions = ["1.0.post1", "1.0", "1.0rc1", "1.0.dev1", "1.0a2", "0.9", "1.0a1.dev3", "1.0.1"]

    assert sorted(versions, key=releases.version_key) == sorted(versions, key=Version)


def test_the_same_version_twice_is_refused(tmp_path: Path) -> None:
    record = _record(tmp_path / "releases.toml", {"1.0": "a" * 40, "1.0.0": "b" * 40})

    with pytest.raises(releases.ReleaseError, match="the same version"):
        releases.load(record)


def test_a_short_hash_is_refused(tmp_path: Path) -> None:
    record = _record(tmp_path / "releases.toml", {"0.1.0": "f0d5247"})

    with pytest.raises(releases.ReleaseError, match="full 40-character commit hash"):
        releases.load(record)


def test_an_unknown_commit_is_refused(repo: Path) -> None:
    with pytest.raises(releases.ReleaseError, match="is not in this repository"):
        releases.check([releases.Release("0.1.0", "0123456789" * 4)], repo)


def test_a_commit_outside_the_history_of_head_is_refused(repo: Path) -> None:
    side = releases.Release("0.1.0", _commit(repo, "side"))

    with pytest.raises(releases.ReleaseError, match="not in the history of HEAD"):
        releases.check([side], repo)


def test_a_newer_release_must_contain_the_older(repo: Path) -> None:
    swapped = [
        releases.Release("0.1.0", _commit(repo, "main")),
        releases.Release("0.2.0", _commit(repo, "main~1")),
    ]

    with pytest.raises(releases.ReleaseError, match=r"does not contain 0\.1\.0"):
        releases.check(swapped, repo)


def test_tagging_makes_each_tag_once_and_refuses_a_moved_one(repo: Path) -> None:
    recorded = [
        releases.Release("0.1.0", _commit(repo, "main~1")),
        releases.Release("0.2.0", _commit(repo, "main")),
    ]

    assert releases.tag(recorded, repo) == ["v0.1.0", "v0.2.0"]
    assert releases.tag(recorded, repo) == []
    assert _commit(repo, "v0.1.0^{commit}") == recorded[0].commit

    git(repo, "tag", "--force", "v0.1.0", "main")
    with pytest.raises(releases.ReleaseError, match=r"tag v0\.1\.0 points to"):
        releases.tag(recorded, repo)


def test_the_command_line_says_what_is_wrong(
    tmp_path: Path,
    repo: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    record = _record(tmp_path / "releases.toml", {"0.2.0-test": _commit(repo, "main")})

    status = releases.main(["tag", "--record", str(record), "--repo", str(repo)])

    assert status == 1
    assert capsys.readouterr().err.startswith("error: '0.2.0-test' is not a PEP 440 version")
    assert git(repo, "tag", "--list") == ""


def test_the_next_version_is_above_every_release_and_migration() -> None:
    recorded = [releases.Release("0.1.0", "a" * 40), releases.Release("0.2.0", "b" * 40)]

    assert releases.next_version(recorded) == "0.3.0"
    assert releases.next_version(recorded, at_least=["0.2.0"]) == "0.3.0"
    assert releases.next_version(recorded, at_least=["1.0.0"]) == "1.0.0"
    assert releases.next_version([]) == "0.1.0"


@pytest.mark.parametrize("release", RECORDED, ids=[release.tag for release in RECORDED])
def test_every_recorded_release_renders(
    release: releases.Release,
    tagged_template: TaggedTemplate,
    tmp_path: Path,
) -> None:
    project = tagged_template.render(
        tmp_path / "project", release.tag, {"project_name": "Release Agent"}
    )

    assert tagged_template.answers_of(project)["_commit"] == release.tag
    assert 'name = "release-agent"' in (project / "pyproject.toml").read_text(encoding="utf-8")
    assert (project / "src" / "release_agent" / "__init__.py").is_file()


def test_the_work_in_progress_is_tagged_above_every_release(
    tagged_template: TaggedTemplate,
) -> None:
    newest = tagged_template.releases[-1].version

    assert Version(tagged_template.head.removeprefix("v")) > Version(newest)
    assert git(tagged_template.path, "describe", "--tags").strip() == tagged_template.head
