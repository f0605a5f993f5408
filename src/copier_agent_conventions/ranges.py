"""Whether a requirement stays within the template's tested range (``pydantic>=2.14,<3``).

A project may narrow a range (``pydantic>=2.15,<3``) but not widen it: a lower bound below the
tested one, or no upper bound where the template has one, allows versions nobody tested.
"""

from __future__ import annotations

from dataclasses import dataclass

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version


@dataclass(frozen=True)
class Bounds:
    """The lowest and highest versions a specifier set allows (``None``: unbounded)."""

    lower: Version | None
    upper: Version | None
    # Whether ``upper`` itself is allowed (``<=2.5``, ``==2.5``) or not (``<3``).
    upper_inclusive: bool = False


def _release_prefix(version: str) -> tuple[Version, Version]:
    """``2.*`` -> (2, 3); ``2.5.*`` -> (2.5, 2.6): the range a wildcard names."""
    parts = [int(part) for part in version.removesuffix(".*").split(".")]
    upper = [*parts[:-1], parts[-1] + 1]
    return Version(".".join(map(str, parts))), Version(".".join(map(str, upper)))


def _compatible_upper(version: Version) -> Version:
    """``~=2.14`` allows up to 3; ``~=2.14.1`` up to 2.15."""
    release = list(version.release[:-1]) or [version.release[0]]
    release[-1] += 1
    return Version(".".join(map(str, release)))


def bounds(specifiers: SpecifierSet) -> Bounds:
    """The tightest lower and upper bounds of ``specifiers``."""
    lowers: list[Version] = []
    uppers: list[tuple[Version, bool]] = []
    for specifier in specifiers:
        operator, text = specifier.operator, specifier.version
        try:
            if operator == "==" and text.endswith(".*"):
                low, high = _release_prefix(text)
                lowers.append(low)
                uppers.append((high, False))
                continue
            version = Version(text)
        except (InvalidVersion, ValueError):
            continue
        if operator in {">=", ">", "==", "===", "~="}:
            lowers.append(version)
        if operator in {"==", "===", "<="}:
            uppers.append((version, True))
        elif operator == "<":
            uppers.append((version, False))
        elif operator == "~=":
            uppers.append((_compatible_upper(version), False))
    upper = min(uppers, key=lambda bound: (bound[0], bound[1])) if uppers else None
    return Bounds(
        lower=max(lowers) if lowers else None,
        upper=upper[0] if upper else None,
        upper_inclusive=upper[1] if upper else False,
    )


def within(project: SpecifierSet, tested: SpecifierSet) -> str | None:
    """Why ``project`` allows versions outside ``tested``; ``None`` when it does not."""
    mine, theirs = bounds(project), bounds(tested)
    if theirs.lower is not None and (mine.lower is None or mine.lower < theirs.lower):
        return "allows versions below the tested range"
    if theirs.upper is None:
        return None
    if mine.upper is None:
        return "has no upper bound"
    too_high = mine.upper >= theirs.upper if mine.upper_inclusive else mine.upper > theirs.upper
    return "allows versions above the tested range" if too_high else None


def out_of_range(requirements: list[str], tested: dict[str, str]) -> list[str]:
    """One line per requirement that strays from its tested range in ``tested``.

    Args:
        requirements: PEP 508 requirements as the project declares them.
        tested: tested ranges by distribution name (extras allowed: ``psycopg[binary]``).

    Returns:
        Markdown lines such as ``pydantic>=2: allows versions below the tested range
        (tested: >=2.14,<3)``; requirements of packages the table does not know are not judged.
    """
    ranges = {canonicalize_name(Requirement(name).name): spec for name, spec in tested.items()}
    problems = []
    for text in requirements:
        try:
            requirement = Requirement(text)
        except InvalidRequirement:
            problems.append(f"`{text}`: not a valid requirement")
            continue
        spec = ranges.get(canonicalize_name(requirement.name))
        if spec is None:
            continue
        reason = within(requirement.specifier, SpecifierSet(spec))
        if reason:
            problems.append(f"`{text}`: {reason} (tested: `{spec}`)")
    return problems
