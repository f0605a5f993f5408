"""The template's releases: ``releases.toml`` (version -> commit) and the tags made from it.

Tags do not travel with this repository's history, so the tracked record is the truth and the
``v<version>`` tags that copier reads are made from it, in any clone::

    python3 scripts/releases.py check   # every version PEP 440, every commit in this history
    python3 scripts/releases.py tag     # check, then tag each release (again: no change)
    python3 scripts/releases.py next    # the version above every release (tests tag HEAD so)

Standard library only, so that it runs in a bare clone before anything is installed.
"""

from __future__ import annotations

import argparse
import itertools
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "releases.toml"

# PEP 440 public versions in their normalised spelling (no epoch, no local part), which is what
# `packaging` prints back: 1.2.0, 1.2.0rc1, 1.2.0.post1, 1.2.0.dev3. Copier ignores a tag that
# does not parse (`v0.2.0-test`), so anything else is refused before it becomes a tag.
_NUMBER = r"(?:0|[1-9][0-9]*)"
VERSION = re.compile(
    rf"(?P<release>{_NUMBER}(?:\.{_NUMBER})*)"
    rf"(?:(?P<pre>a|b|rc)(?P<pre_n>{_NUMBER}))?"
    rf"(?:\.post(?P<post>{_NUMBER}))?"
    rf"(?:\.dev(?P<dev>{_NUMBER}))?",
)
COMMIT = re.compile(r"[0-9a-f]{40}")
_PRE_ORDER = {"a": 0, "b": 1, "rc": 2}


class ReleaseError(Exception):
    """The record or the repository is not in a state a release can be made from."""


def _parse(version: str) -> re.Match[str]:
    match = VERSION.fullmatch(version)
    if match is None:
        raise ReleaseError(f"{version!r} is not a PEP 440 version such as 0.2.0 or 1.0.0rc1")
    return match


def version_key(version: str) -> tuple[object, ...]:
    """Sort key that orders versions as PEP 440 does (``1.0.dev1 < 1.0a1 < 1.0 < 1.0.post1``)."""
    match = _parse(version)
    release = [int(part) for part in match["release"].split(".")]
    while len(release) > 1 and release[-1] == 0:
        release.pop()  # 1.0 == 1.0.0
    infinity = float("inf")
    dev = int(match["dev"]) if match["dev"] else infinity
    if match["pre"]:
        pre: tuple[float, ...] = (_PRE_ORDER[match["pre"]], int(match["pre_n"]))
    elif match["dev"] and not match["post"]:
        pre = (-infinity,)  # 1.0.dev1 comes before 1.0a1
    else:
        pre = (infinity,)
    post = int(match["post"]) if match["post"] else -infinity
    return (tuple(release), pre, post, dev)


@dataclass(frozen=True)
class Release:
    """One recorded release."""

    version: str
    commit: str

    @property
    def tag(self) -> str:
        """The git tag copier reads the version from."""
        return f"v{self.version}"


def load(record: Path = RECORD) -> list[Release]:
    """The recorded releases, oldest first; the record's own format is checked here."""
    try:
        table = tomllib.loads(record.read_text(encoding="utf-8"))["releases"]
    except (OSError, tomllib.TOMLDecodeError, KeyError) as exc:
        raise ReleaseError(f"{record}: no [releases] table ({exc})") from exc
    releases = []
    for version, commit in table.items():
        version_key(version)  # raises with the reason
        if not isinstance(commit, str) or not COMMIT.fullmatch(commit):
            raise ReleaseError(f"{version}: {commit!r} is not a full 40-character commit hash")
        releases.append(Release(version, commit))
    releases.sort(key=lambda release: version_key(release.version))
    for older, newer in itertools.pairwise(releases):
        if version_key(older.version) == version_key(newer.version):
            raise ReleaseError(f"{older.version} and {newer.version} are the same version")
    return releases


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args],  # noqa: S607 - git is found on PATH, like every tool a maintainer runs
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )


def check(releases: Sequence[Release], repo: Path = ROOT) -> None:
    """Refuse commits this clone does not have, and versions that do not follow the history."""
    for release in releases:
        if _git(repo, "cat-file", "-e", f"{release.commit}^{{commit}}").returncode:
            raise ReleaseError(
                f"{release.version}: commit {release.commit} is not in this repository "
                "(a typo, or a shallow clone: fetch the whole history)",
            )
        if _git(repo, "merge-base", "--is-ancestor", release.commit, "HEAD").returncode:
            raise ReleaseError(
                f"{release.version}: commit {release.commit} is not in the history of HEAD",
            )
    for older, newer in itertools.pairwise(releases):
        if _git(repo, "merge-base", "--is-ancestor", older.commit, newer.commit).returncode:
            raise ReleaseError(
                f"{newer.version} ({newer.commit[:7]}) does not contain {older.version} "
                f"({older.commit[:7]}): a newer release must be made after an older one",
            )


def tag(releases: Sequence[Release], repo: Path = ROOT) -> list[str]:
    """Tag every release at its commit; an existing tag must already point there."""
    made = []
    for release in releases:
        existing = _git(repo, "rev-parse", "--verify", "--quiet", f"{release.tag}^{{commit}}")
        if existing.returncode == 0:
            if existing.stdout.strip() != release.commit:
                raise ReleaseError(
                    f"tag {release.tag} points to {existing.stdout.strip()[:7]}, but "
                    f"releases.toml records {release.commit[:7]}: delete the tag "
                    f"(git tag -d {release.tag}) and run this again",
                )
            continue
        result = _git(repo, "tag", release.tag, release.commit)
        if result.returncode:
            raise ReleaseError(f"git tag {release.tag}: {result.stderr.strip()}")
        made.append(release.tag)
    return made


def next_version(releases: Sequence[Release], at_least: Iterable[str] = ()) -> str:
    """The next minor version after the newest release, or the highest of ``at_least``.

    Tests tag the work in progress with it, so that copier sees it as newer than every release
    and runs every migration declared for a version up to it.
    """
    newest = releases[-1].version if releases else "0.0"
    major, minor, *_ = [int(part) for part in _parse(newest)["release"].split(".")] + [0]
    candidates = [f"{major}.{minor + 1}.0", *at_least]
    return max(candidates, key=version_key)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; print what went wrong and return 1 on a refused record."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("check", "tag", "next"))
    parser.add_argument("--record", type=Path, default=RECORD, help="default: %(default)s")
    parser.add_argument("--repo", type=Path, default=ROOT, help="default: %(default)s")
    arguments = parser.parse_args(argv)
    try:
        releases = load(arguments.record)
        if arguments.command == "next":
            print(next_version(releases))
            return 0
        check(releases, arguments.repo)
        made = tag(releases, arguments.repo) if arguments.command == "tag" else []
    except ReleaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name in made:
        print(f"tagged {name}")
    print(f"{len(releases)} release(s) OK: {', '.join(r.version for r in releases)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
