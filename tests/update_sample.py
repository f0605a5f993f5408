"""Which cases the release-update test checks in this run: a rotating sample, or all of them.

A case is a recorded release and one of the 48 provider x concurrency x interface x storage
combinations; a quarter of the cases also switch one answer during the update (`--data`), from
another choice to the combination's. All of them take about a minute each, so a run checks
``UPDATE_SAMPLE`` (default 2) per release, chosen from the day: consecutive days cover all 48 in
24 runs, and the seed is printed in the header so that a failure can be run again with
``UPDATE_SEED``. ``UPDATE_SAMPLE=all`` checks every combination from every release.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
from dataclasses import dataclass

from conftest import choices

DIMENSIONS = ("provider", "concurrency", "interface", "storage")
COMBINATIONS = [
    dict(zip(DIMENSIONS, values, strict=True))
    for values in itertools.product(*(choices(dimension) for dimension in DIMENSIONS))
]
# A fixed shuffle, so that the few combinations of one run differ in more than their storage.
ORDER = random.Random(440).sample(range(len(COMBINATIONS)), len(COMBINATIONS))  # noqa: S311 - not security
# Every fourth case switches an answer during the update: none, or one of these.
SWITCHES = (None, "storage", "interface", "concurrency")
DEFAULT_SAMPLE = 2


def seed() -> int:
    """``UPDATE_SEED``, or the number of the day (UTC): the same all day, the next one tomorrow."""
    if value := os.environ.get("UPDATE_SEED"):
        return int(value)
    return (dt.datetime.now(tz=dt.UTC).date() - dt.date(1970, 1, 1)).days


def size() -> int:
    """How many combinations per release: ``UPDATE_SAMPLE`` (a number, or ``all``)."""
    value = os.environ.get("UPDATE_SAMPLE", str(DEFAULT_SAMPLE))
    return len(COMBINATIONS) if value == "all" else min(int(value), len(COMBINATIONS))


@dataclass(frozen=True)
class Case:
    """One update to check: from which release, which combination, and the switched answer."""

    release: int  # index into the recorded releases
    target: dict[str, str]
    switch: str | None

    @property
    def source(self) -> dict[str, str]:
        """The combination the project is rendered with: the target, one answer switched."""
        if self.switch is None:
            return self.target
        values = choices(self.switch)
        before = values[(values.index(self.target[self.switch]) + 1) % len(values)]
        return {**self.target, self.switch: before}

    def id(self, tag: str) -> str:
        """``v0.1.0-anthropic-async-web-sqlite`` (``-from-storage-redis`` when switched)."""
        name = f"{tag}-" + "-".join(self.target[dimension] for dimension in DIMENSIONS)
        if self.switch is None:
            return name
        return f"{name}-from-{self.switch}-{self.source[self.switch]}"


def cases(releases: int) -> list[Case]:
    """This run's cases for ``releases`` recorded releases."""
    count = size()
    picked = []
    for release in range(releases):
        # Each release starts half-way round from the previous one: different combinations.
        start = (seed() * count + release * len(ORDER) // 2) % len(ORDER)
        for offset in range(count):
            position = (start + offset) % len(ORDER)
            picked.append(
                Case(release, COMBINATIONS[ORDER[position]], SWITCHES[position % len(SWITCHES)]),
            )
    return picked


def header() -> str:
    """The line the test run prints in its header."""
    sampled = "all" if size() == len(COMBINATIONS) else str(size())
    return (
        f"release updates: seed {seed()} (UPDATE_SEED), {sampled} of {len(COMBINATIONS)} "
        "combinations per release (UPDATE_SAMPLE=all: every one)"
    )
