"""Which cases the release-update test checks in this run: a rotating sample, or all of them.

A case is a recorded release and one of the 48 provider x concurrency x interface x storage
combinations; a quarter of the cases also switch one answer during the update (``--data``), from
another choice to the combination's. Each takes about a minute, so a run checks ``UPDATE_SAMPLE``
cases (default 2), taking the releases in turn: the cost stays the same as releases accumulate,
consecutive days go through every case, and the seed printed in the header (``UPDATE_SEED``)
runs a day's sample again. ``UPDATE_SAMPLE=all`` checks every combination from every release.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from conftest import choices

if TYPE_CHECKING:
    from collections.abc import Sequence

T = TypeVar("T")

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


def sample_size(variable: str, default: int, available: int) -> int:
    """How many of ``available`` items a run checks: ``variable`` (a number, ``all``, or empty)."""
    value = os.environ.get(variable) or str(default)
    return available if value == "all" else min(int(value), available)


def todays_window(items: Sequence[T], count: int) -> list[T]:
    """``count`` consecutive ``items`` (wrapping round), moved on by ``count`` each day (seed)."""
    start = seed() * count % len(items)
    return [items[(start + index) % len(items)] for index in range(count)]


def size(available: int) -> int:
    """How many cases this run checks: ``UPDATE_SAMPLE`` (a number, ``all``, or empty: 2)."""
    return sample_size("UPDATE_SAMPLE", DEFAULT_SAMPLE, available)


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


def every_case(releases: int) -> list[Case]:
    """Every case, the releases taking turns, each starting half-way round from the last."""
    positions = len(ORDER)
    cases = []
    for offset in range(positions):
        for release in range(releases):
            position = (offset + release * positions // 2) % positions
            switch = SWITCHES[position % len(SWITCHES)]
            cases.append(Case(release, COMBINATIONS[ORDER[position]], switch))
    return cases


def cases(releases: int) -> list[Case]:
    """This run's cases for ``releases`` recorded releases: the day's window onto every case."""
    every = every_case(releases)
    return todays_window(every, size(len(every)))


def header(releases: int) -> str:
    """The line the test run prints in its header."""
    total = releases * len(COMBINATIONS)
    return (
        f"release updates: {size(total)} of {total} cases ({releases} release(s) x "
        f"{len(COMBINATIONS)} combinations), seed {seed()} (UPDATE_SAMPLE, UPDATE_SEED)"
    )
