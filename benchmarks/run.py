"""Every speed figure the template promises, each against its baseline, in one command.

    uv run python benchmarks/run.py [--runs 9] [--only render,lock,cli,web] [--suite]
                                    [--json benchmarks/latest.json]

Rows (a goal is a ratio to the baseline, or seconds where there is no baseline):

* ``render``: ``copier copy`` of this template without its tasks, against a one-file template.
* ``lock``: the same copy with the ``uv lock`` task, against the same one-file template.
* ``cli``: ``<project> --help`` of a generated CLI project, against a bare two-command Typer app
  run by the same Python.
* ``web``: requests/s of ``GET /healthz`` on a generated web project served by its own ``serve``
  command (uvicorn, one process, production logging), against a bare FastAPI app under uvicorn
  without and with uvicorn's access log; driven over HTTP by ``wrk`` (``apt-get install wrk``).
* ``suite`` (with ``--suite``): the wall time of the template's own test suite.

Each pair is measured alternately, ours then the baseline, ``--runs`` times, and the medians
compared, so that a machine getting busier in the middle of a run hurts both alike. Start-up and
rendering are single processes, measured in CPU seconds (user + system, children included), which
another job on the machine moves far less than wall time; the lock row is wall time, for it waits
on the package index. The figures go
to standard output as a table and to a JSON file. Nothing is asserted: speed is measured here,
never in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from project import TEMPLATE, UV, render

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

COPIER = Path(sys.executable).with_name("copier")
ANSWERS = ("--data", "project_name=Bench Agent")
BARE_TYPER = '''
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    typer.echo(f"hello {name}")


@app.command()
def goodbye(name: str = "world") -> None:
    """Say goodbye."""
    typer.echo(f"goodbye {name}")


app()
'''
BARE_FASTAPI = """
from fastapi import FastAPI

app = FastAPI()


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}
"""
SERVICE_KEY = "benchmark-key-" + "0" * 32


@dataclass
class Row:
    """One figure: ours against the baseline, with the goal it is held to."""

    name: str
    what: str
    unit: str
    ours: float
    baseline: float | None
    goal: str
    higher_is_better: bool = False

    @property
    def ratio(self) -> float | None:
        """Ours over the baseline (for rates: the baseline's share we reach)."""
        if not self.baseline:
            return None
        return self.ours / self.baseline


def _seconds(command: list[str], cwd: Path | None = None) -> float:
    """Wall time of ``command``; see ``_cpu_seconds`` for a figure a busy machine moves less."""
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def _cpu_seconds(command: list[str], cwd: Path | None = None) -> float:
    """CPU time (user + system) of ``command`` and the processes it waited for.

    On a machine that other work shares, a process's wall time grows with the others' load and
    its CPU time hardly moves; for single-threaded start-up and rendering, the two agree when
    the machine is quiet.
    """
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    return usage.ru_utime + usage.ru_stime


def _alternate(
    ours: Callable[[], float],
    baseline: Callable[[], float],
    runs: int,
) -> tuple[float, float]:
    """Medians of ``runs`` measurements of each, taken in turn, after one warm-up of each."""
    ours()
    baseline()
    pairs = [(ours(), baseline()) for _ in range(runs)]
    return statistics.median(a for a, _ in pairs), statistics.median(b for _, b in pairs)


def _one_file_template(root: Path) -> Path:
    """The smallest copier template: one question, one file, one git commit."""
    template = root / "one-file-template"
    (template / "template").mkdir(parents=True)
    (template / "copier.yml").write_text(
        "_subdirectory: template\n_templates_suffix: .jinja\nproject_name:\n  type: str\n",
        encoding="utf-8",
    )
    (template / "template" / "README.md.jinja").write_text("# {{ project_name }}\n", "utf-8")
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=template, check=True)
    subprocess.run([*git, "add", "--all"], cwd=template, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "one file"], cwd=template, check=True)
    return template


def _copy(
    template: Path,
    root: Path,
    *,
    tasks: bool,
    clock: Callable[[list[str]], float],
) -> Callable[[], float]:
    def copy() -> float:
        destination = Path(tempfile.mkdtemp(dir=root)) / "project"
        command = [str(COPIER), "copy", "--trust", "--defaults", "--quiet", "--vcs-ref", "HEAD"]
        command += [*ANSWERS, str(template), str(destination)]
        if not tasks:
            command.append("--skip-tasks")
        try:
            return clock(command)
        finally:
            shutil.rmtree(destination.parent)

    return copy


def render_rows(runs: int, root: Path) -> list[Row]:
    """``copier copy`` of this template, without and with its lock task, against one file."""
    one_file = _one_file_template(root)
    ours, baseline = _alternate(
        _copy(TEMPLATE, root, tasks=False, clock=_cpu_seconds),
        _copy(one_file, root, tasks=False, clock=_cpu_seconds),
        runs,
    )
    # The lock task waits on the package index: its wall time is the figure that matters.
    locked, floor = _alternate(
        _copy(TEMPLATE, root, tasks=True, clock=_seconds),
        _copy(one_file, root, tasks=False, clock=_seconds),
        runs,
    )
    render_what = "copier copy, no tasks, vs a one-file template"
    lock_what = "copier copy with the uv lock task (wall time)"
    return [
        Row("render", render_what, "cpu s", ours, baseline, "<= 1.3x"),
        Row("lock", lock_what, "s", locked, floor, "<= 1.2 s"),
    ]


def cli_row(runs: int) -> Row:
    """``--help`` of a generated CLI project against a bare two-command Typer app."""
    project = render(interface="cli")
    (project / "bare_typer.py").write_text(BARE_TYPER, encoding="utf-8")
    python = str(project / ".venv" / "bin" / "python")
    command = str(project / ".venv" / "bin" / "bench-agent")
    ours, baseline = _alternate(
        lambda: _cpu_seconds([command, "--help"], cwd=project),
        lambda: _cpu_seconds([python, "bare_typer.py", "--help"], cwd=project),
        runs,
    )
    what = "<project> --help vs a bare two-command Typer app"
    return Row("cli", what, "cpu s", ours, baseline, "<= 1.1x")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _serving(command: list[str], cwd: Path, env: dict[str, str], port: int) -> Iterator[str]:
    """Run a server until the block ends; yield its /healthz URL once it answers."""
    server = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{command[0]} did not start on port {port}") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/healthz"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _requests_per_second(url: str, seconds: int) -> float:
    output = subprocess.run(
        ["wrk", "-t1", "-c16", f"-d{seconds}s", url],  # noqa: S607 - wrk from the system
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if match is None or "Non-2xx" in output or "Socket errors" in output:
        raise RuntimeError(f"wrk did not get clean answers from {url}:\n{output}")
    return float(match[1])


def web_rows(runs: int, seconds: int) -> list[Row]:
    """Requests/s of the service's /healthz against bare FastAPI, both under uvicorn."""
    if shutil.which("wrk") is None:
        print("web: skipped, wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return []
    project = render(interface="web", storage="sqlite")
    (project / "bare_fastapi.py").write_text(BARE_FASTAPI, encoding="utf-8")
    bin_dir = project / ".venv" / "bin"
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith("BENCH_AGENT_")},
        "BENCH_AGENT_ENVIRONMENT": "production",
        "BENCH_AGENT_PROVIDER": "fake",
        "BENCH_AGENT_SERVICE_API_KEYS": SERVICE_KEY,
        "BENCH_AGENT_LOG_FORMAT": "json",
        "BENCH_AGENT_STORAGE_URL": f"sqlite:///{project / 'bench.sqlite3'}",
    }
    ports = {name: _free_port() for name in ("ours", "bare", "bare-logged")}
    uvicorn = [str(bin_dir / "uvicorn"), "bare_fastapi:app", "--log-level", "info"]
    with (
        _serving(
            [str(bin_dir / "bench-agent"), "serve", "--port", str(ports["ours"])],
            project,
            env,
            ports["ours"],
        ) as ours_url,
        _serving(
            [*uvicorn, "--no-access-log", "--port", str(ports["bare"])], project, env, ports["bare"]
        ) as bare_url,
        _serving(
            [*uvicorn, "--port", str(ports["bare-logged"])], project, env, ports["bare-logged"]
        ) as logged_url,
    ):
        ours, bare = _alternate(
            lambda: _requests_per_second(ours_url, seconds),
            lambda: _requests_per_second(bare_url, seconds),
            runs,
        )
        logged = statistics.median(_requests_per_second(logged_url, seconds) for _ in range(runs))
    what = "GET /healthz req/s under uvicorn (wrk -t1 -c16) vs bare FastAPI"
    return [
        Row("web", what, "req/s", ours, bare, ">= 0.9x", higher_is_better=True),
        Row(
            "web-logged",
            "the same vs bare FastAPI writing uvicorn's access log",
            "req/s",
            ours,
            logged,
            "(for reference)",
            higher_is_better=True,
        ),
    ]


def suite_row() -> Row:
    """The wall time of the template's test suite (the README's test command)."""
    took = _seconds([UV, "run", "pytest", "-q", "-p", "no:cacheprovider"], cwd=TEMPLATE)
    return Row("suite", "the template's test suite (uv run pytest)", "s", took, None, "<= 180 s")


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    return f"{value:.0f}" if unit == "req/s" else f"{value:.3f}"


def _print(rows: list[Row]) -> None:
    print(f"{'row':<12}{'unit':<7}{'ours':>9}{'baseline':>10}{'ratio':>8}  {'goal':<16}what")
    for row in rows:
        ratio = "" if row.ratio is None else f"{row.ratio:.2f}x"
        print(
            f"{row.name:<12}{row.unit:<7}{_figure(row.ours, row.unit):>9}"
            f"{_figure(row.baseline, row.unit):>10}{ratio:>8}  {row.goal:<16}{row.what}",
        )


def main() -> None:
    """Measure the chosen rows, print them, and write the JSON file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="measurements of each side")
    parser.add_argument("--only", default="render,lock,cli,web", help="comma-separated rows")
    parser.add_argument("--seconds", type=int, default=3, help="length of each wrk run")
    parser.add_argument("--suite", action="store_true", help="also time the whole test suite")
    parser.add_argument("--json", type=Path, default=Path(__file__).with_name("latest.json"))
    options = parser.parse_args()
    # Measure what users run: programs that load their bytecode, not ones that compile every
    # module afresh because this machine's environment says not to write it.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    chosen = set(options.only.split(","))
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="copier-agent-bench-") as scratch:
        if chosen & {"render", "lock"}:
            rows += [row for row in render_rows(options.runs, Path(scratch)) if row.name in chosen]
        if "cli" in chosen:
            rows.append(cli_row(options.runs))
        if "web" in chosen:
            rows += web_rows(options.runs, options.seconds)
    if options.suite:
        rows.append(suite_row())
    _print(rows)
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "runs": options.runs,
        "rows": [{**asdict(row), "ratio": row.ratio} for row in rows],
    }
    options.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {options.json}")


if __name__ == "__main__":
    main()
