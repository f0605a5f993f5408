"""Fixtures of the template's own tests: the template, its questions, and shared project checks.

The matrix prints a timing summary at the end of the run. Under pytest-xdist each worker records
the timings of the projects it checked and hands them to the controller when it finishes
(``workeroutput``), which prints them once.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from harness import ProjectEnvironment, Timing

if TYPE_CHECKING:
    from _pytest.terminal import TerminalReporter
    from template_repo import TaggedTemplate

TEMPLATE = Path(__file__).resolve().parents[1]
QUESTIONS: dict[str, Any] = yaml.safe_load((TEMPLATE / "copier.yml").read_text(encoding="utf-8"))

# The matrix renders projects for the Python running the tests, which is always available here.
PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"

# Project names for rendered projects, spread across the alphabet and across the shapes people
# type (accents, a digit first, one letter, a name whose root error starts with "Test"): the
# matrix gives each combination one of them, so names meet every provider, interface and storage.
PROJECT_NAMES = (
    "Acme Agent",
    "Billing Bot",
    "Café Concierge",
    "Docs Desk",
    "Élan Editor",
    "Fintech Forecaster",
    "Göteborg Guide",
    "Helpdesk",
    "Insight Indexer",
    "Jira Janitor",
    "Knowledge Keeper",
    "Ledger Lens",
    "Møller Mailroom",
    "Nexus",
    "Ops Oracle",
    "Pricing Pilot",
    "Quote Quill",
    "Route Runner",
    "Support Triage Agent",
    "Testbot",
    "Über Uploader",
    "Vendor Vetter",
    "Watchtower",
    "Xylo",
    "Yield Yak",
    "Zymurgy Zealot",
    "3D Printer Agent",
    "A",
)

# A complete set of answers, as copier hands them to the extensions.
BASE_ANSWERS = {
    "project_name": "Support Triage Agent",
    "project_slug": "support-triage-agent",
    "package_name": "support_triage",
    "author_name": "",
    "author_email": "",
    "python_version": "3.12",
    "provider": "anthropic",
    "concurrency": "async",
    "interface": "cli",
    "storage": "sqlite",
}

_TIMINGS = pytest.StashKey[list[Timing]]()
# Per xdist worker: the seconds its tests took, and when (since the start) its last one ended.
_WORKERS = pytest.StashKey[dict[str, tuple[float, float]]]()
_STARTED = pytest.StashKey[float]()


def tool(name: str) -> str:
    """A command installed in this environment (copier, hadolint ...), found without PATH."""
    return str(Path(sys.executable).with_name(name))


def copier_copy(
    destination: Path,
    *options: str,
    project_name: str,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``copier copy --defaults`` of this checkout, as a user types it; the caller checks it."""
    argv = (tool("copier"), "copy", "--trust", "--defaults", "--vcs-ref=HEAD")
    return subprocess.run(
        (*argv, f"--data=project_name={project_name}", *options, str(TEMPLATE), str(destination)),
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def choices(question: str) -> list[str]:
    """The values a question accepts, as copier.yml lists them."""
    listed = QUESTIONS[question]["choices"]
    return list(listed.values() if isinstance(listed, dict) else listed)


# CI runners split the suite: each takes the matrix combinations of one provider and interface
# (the xdist group of tests/test_matrix.py), and one more, `rest`, takes everything else.
SHARD_ENV = "COPIER_AGENT_SHARD"


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--shard``: run one part of the suite (for CI runners that share the work)."""
    parser.addoption(
        "--shard",
        default=os.environ.get(SHARD_ENV, ""),
        help=(
            "run one shard: PROVIDER-INTERFACE (the matrix combinations of that provider and "
            f"interface) or 'rest' (everything but the matrix); default: ${SHARD_ENV}, or all"
        ),
    )


def shard_of(item: pytest.Item) -> str:
    """The shard ``item`` belongs to: its matrix group, or ``rest``."""
    group = item.get_closest_marker("xdist_group")
    if group is None or item.path.name != "test_matrix.py":
        return "rest"
    return str(group.args[0])


# Tests that check whole projects outside the matrix, each half a minute or more. xdist hands out
# the matrix groups first (the largest units), then single tests in collection order: these go
# first among them, so that the run does not end with one worker on a long test and one idle.
SLOW_FILES = (
    "test_cases.py",
    "test_template_update_job.py",
    "test_update_releases.py",
    "test_names.py",
    "test_isolation.py",
)


def _slow_first(item: pytest.Item) -> int:
    name = item.path.name
    return SLOW_FILES.index(name) if name in SLOW_FILES else len(SLOW_FILES)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Put the slow tests first (``SLOW_FILES``); keep only the items of the chosen shard."""
    items.sort(key=_slow_first)  # stable: each file's tests keep their order
    shard = config.getoption("shard")
    if not shard:
        return
    known = {shard_of(item) for item in items}
    if shard not in known:
        raise pytest.UsageError(f"unknown shard {shard!r}; choose from {sorted(known)}")
    selected = [item for item in items if shard_of(item) == shard]
    config.hook.pytest_deselected(items=[item for item in items if shard_of(item) != shard])
    items[:] = selected


def pytest_report_header() -> list[str]:
    """Say which release updates and which cases this run checks in full (both rotate)."""
    import test_cases  # noqa: PLC0415 - it imports this module
    from update_sample import header  # noqa: PLC0415 - it imports this module

    from scripts import releases  # noqa: PLC0415 - only for the header

    return [header(len(releases.load())), test_cases.header()]


def pytest_configure(config: pytest.Config) -> None:
    """Render this checkout whatever the working directory, and start the clock."""
    config.option.template = str(TEMPLATE)
    config.stash[_TIMINGS] = []
    config.stash[_WORKERS] = {}
    config.stash[_STARTED] = time.perf_counter()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """On the controller: add each test phase to its worker's busy time and end time."""
    node = getattr(report, "node", None)
    if node is None:
        return
    workers = node.config.stash[_WORKERS]
    busy, _ = workers.get(node.gateway.id, (0.0, 0.0))
    # Reports reach the controller as they happen: the latest is the worker's end so far.
    workers[node.gateway.id] = (
        busy + report.duration,
        time.perf_counter() - node.config.stash[_STARTED],
    )


@pytest.fixture(scope="session")
def project_env(
    tmp_path_factory: pytest.TempPathFactory,
    pytestconfig: pytest.Config,
) -> ProjectEnvironment:
    """This worker's shared environments and caches for checking rendered projects."""
    return ProjectEnvironment(tmp_path_factory.mktemp("env"), pytestconfig.stash[_TIMINGS])


@pytest.fixture(scope="session")
def tagged_template(tmp_path_factory: pytest.TempPathFactory) -> TaggedTemplate:
    """This template as a clone with every recorded release and the work in progress tagged."""
    from template_repo import tagged_clone  # noqa: PLC0415 - it imports this module

    return tagged_clone(tmp_path_factory.mktemp("tagged") / "copier-agent")


@pytest.fixture
def answers() -> dict[str, Any]:
    """Answers every render starts from."""
    return {"project_name": "Matrix Agent", "python_version": PYTHON}


def pytest_sessionfinish(session: pytest.Session) -> None:
    """On an xdist worker: hand the timings to the controller."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["timings"] = json.dumps(
            [(t.group, t.label, t.seconds) for t in session.config.stash[_TIMINGS]],
        )


def pytest_testnodedown(node: Any, error: object) -> None:  # noqa: ANN401 - xdist's WorkerController
    """On the controller: collect a finished worker's timings."""
    del error
    recorded = json.loads(node.workeroutput.get("timings", "[]"))
    node.config.stash[_TIMINGS].extend(Timing(*timing) for timing in recorded)


def pytest_terminal_summary(terminalreporter: TerminalReporter, config: pytest.Config) -> None:
    """Print how many projects were checked and how long they took."""
    if getattr(config, "workerinput", None) is not None:
        return
    timings = config.stash[_TIMINGS]
    if not timings:
        return
    wall = time.perf_counter() - config.stash[_STARTED]
    matrix = [timing for timing in timings if timing.group == "matrix"]
    write = terminalreporter.write_line
    terminalreporter.section("rendered projects: timing")
    write(
        f"matrix: {len(matrix)} combinations checked; {len(timings)} projects in all; "
        f"whole run {wall:.1f} s wall time",
    )
    for group, members in (("matrix", matrix), ("all projects", timings)):
        if not members:
            continue
        # Projects checked with fewer steps (tests/test_cases.py) count in the medians they have.
        names = max(members, key=lambda t: len(t.seconds)).seconds.keys()
        medians = " + ".join(
            f"{step} {statistics.median(t.seconds[step] for t in members if step in t.seconds):.2f}"
            for step in names
        )
        total = statistics.median(t.total for t in members)
        write(f"{group}, per project (median): {total:.1f} s = {medians}")
    if matrix:
        # Sums show where the matrix's time goes; the medians above hide the web/CLI split.
        steps = matrix[0].seconds.keys()
        sums = " + ".join(f"{step} {sum(t.seconds[step] for t in matrix):.0f}" for step in steps)
        write(f"matrix, all projects (sum): {sum(t.total for t in matrix):.0f} s = {sums}")
        by_interface = {
            interface: sum(t.total for t in matrix if f"-{interface}-" in t.label)
            for interface in choices("interface")
        }
        write(
            "matrix, by interface (sum): "
            + ", ".join(f"{k} {v:.0f} s" for k, v in by_interface.items())
        )
    slowest = max(timings, key=lambda timing: timing.total)
    write(f"slowest: {slowest.label} {slowest.total:.1f} s")
    # An idle worker at the end is time the scheduling, not the tests, costs.
    for worker, (busy, ended) in sorted(config.stash[_WORKERS].items()):
        write(f"worker {worker}: busy {busy:.0f} s, last test ended at {ended:.0f} s")
