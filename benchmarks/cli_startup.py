"""How long ``<project> --help`` takes, against a bare Typer application of one command.

    uv run python benchmarks/cli_startup.py [--runs 20]

Both run in the rendered project's own environment (same Python, same Typer), so the ratio is
the cost of the project's own imports. Prints the median and the ratio; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import time
from typing import TYPE_CHECKING

from project import render

if TYPE_CHECKING:
    from pathlib import Path

BARE = '''
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    typer.echo(f"hello {name}")


app()
'''


def _median_seconds(command: list[str], cwd: Path, runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    """Render a CLI and a web project, then time ``--help`` in each against a bare app."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    results = []
    for interface in ("cli", "web"):
        project = render(interface=interface)
        python = project / ".venv" / "bin" / "python"
        (project / "bare.py").write_text(BARE, encoding="utf-8")
        bare = _median_seconds([str(python), "bare.py", "--help"], project, runs)
        command = project / ".venv" / "bin" / "bench-agent"
        ours = _median_seconds([str(command), "--help"], project, runs)
        results.append((interface, ours, bare))
    print(f"{'project':<10}{'--help (median)':>18}{'bare Typer':>14}{'ratio':>8}")
    for interface, ours, bare in results:
        ratio = ours / bare
        print(f"{interface:<10}{ours * 1000:>15.0f} ms{bare * 1000:>11.0f} ms{ratio:>8.2f}")


if __name__ == "__main__":
    main()
