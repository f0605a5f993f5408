"""Mutation testing of generated projects: does each project's suite notice its code breaking?

    uv run python benchmarks/mutation.py [--project default|sync-web|all] [--children 2]
                                         [--modules retry,breaker,...] [--json PATH]

Renders a project from this checkout (``default``: the default answers; ``sync-web``: a sync
web project on SQLite), installs mutmut into its environment, and runs it on the core modules:
retry, breaker, errors, guardrails, hooks, tools, agent, fallback, outputs, context, prompts,
mcp_config, the storage backend and (web) the middleware. mutmut changes one thing at a time in
them (a comparison, a constant, an argument) and runs the tests that cover the line; a mutant
the tests still pass with "survived". Prints
the score per module (killed / all, timeouts count as killed) and every survivor, with the
command that shows its diff. Like the benchmarks it asserts nothing: a survivor is either a
missing test or an equivalent mutant, and only reading it tells which (docs/development.md).

It takes minutes, not seconds (about 3 mutants a second on two cores), so it is not part of
``.ci/run``: the template's workflow runs it weekly.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from project import UV, project_env, render

MUTMUT = "mutmut==3.8.1"
# A mutant that makes a test wait forever (a lost wake-up, a thread never handed its work) would
# otherwise hold its worker until mutmut's own limit: 15 times the covering tests' duration, five
# minutes and more for the web middleware. A test that hangs for 20 s has failed.
PYTEST_TIMEOUT = "pytest-timeout==2.4.0"
TEST_TIMEOUT = "--timeout=20"
PROJECTS = {
    "default": {},
    "sync-web": {"concurrency": "sync", "interface": "web", "storage": "sqlite"},
}
# The storage package's modules that are not a backend.
_NOT_BACKENDS = {"__init__", "base"}
CORE = (
    "retry",
    "breaker",
    "errors",
    "guardrails",
    "hooks",
    "tools",
    "agent",
    "fallback",
    "outputs",
    "context",
    "prompts",
    "mcp_config",
    "storage",
    "web",
)
# mutmut's verdicts, and which of them count as the tests noticing the change.
KILLED = {"killed", "timeout", "segfault"}
_RESULT = re.compile(r"^\s*(?P<name>[\w.]+)__mutmut_\d+: (?P<status>[\w ]+?)\s*$")


@dataclass
class Score:
    """The verdicts on one module's mutants."""

    statuses: Counter[str] = field(default_factory=Counter)
    survivors: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Every mutant that was tested (not the ones no test covers: those are listed apart)."""
        return sum(self.statuses.values())

    @property
    def killed(self) -> int:
        """The mutants some test failed on."""
        return sum(count for status, count in self.statuses.items() if status in KILLED)

    @property
    def percent(self) -> float:
        """Killed, as a share of all."""
        return 100 * self.killed / self.total if self.total else 100.0


def core_paths(project: Path, package: str, modules: tuple[str, ...]) -> list[str]:
    """The files to mutate: each module, or for ``storage`` the backend the answers chose."""
    source = project / "src" / package
    paths: list[str] = []
    for module in modules:
        if module == "storage":
            backends = {p.stem: p for p in source.glob("storage/*.py")}
            for name in _NOT_BACKENDS:
                backends.pop(name, None)
            # Every project has the memory store (evals run on it); it is the chosen backend only
            # when no other is there, and its contract tests run in those projects alone.
            if len(backends) > 1:
                backends.pop("memory", None)
            paths += [str(p.relative_to(project)) for p in backends.values()]
        elif module == "prompts":
            paths.append(f"src/{package}/prompts/__init__.py")
        elif module == "web":
            if (source / "web" / "middleware.py").exists():
                paths.append(f"src/{package}/web/middleware.py")
        else:
            paths.append(f"src/{package}/{module}.py")
    return paths


def configure(project: Path, package: str, paths: list[str]) -> None:
    """Append mutmut's settings to the project's ``pyproject.toml``."""
    quoted = ", ".join(f'"{path}"' for path in paths)
    settings = f"""
[tool.mutmut]
source_paths = ["src/{package}"]
only_mutate = [{quoted}]
pytest_add_cli_args_test_selection = ["tests/"]
# Coverage would only slow each run; mutmut picks the tests that cover a line on its own.
# A test that hangs fails after 20 s (TEST_TIMEOUT), instead of waiting for mutmut's timeout.
pytest_add_cli_args = ["--no-cov", "-q", "-p", "no:cacheprovider", "{TEST_TIMEOUT}"]
# Files the tests read, beyond src/ and tests/ (mutmut copies the project to mutants/).
also_copy = [".env.example", "README.md", "evals"]
# Lines left alone, each for a reason (the only exclusions; docs/development.md):
do_not_mutate_patterns = [
    # SQL keywords and names are case-insensitive in SQLite and PostgreSQL: mutmut's upper- and
    # lower-casing of a statement are equivalent mutants.
    '"(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE|ALTER|DROP) ',
]
"""
    with (project / "pyproject.toml").open("a", encoding="utf-8") as file:
        file.write(settings)


def parse(results: str) -> tuple[dict[str, Score], list[str]]:
    """Scores per module from ``mutmut results --all true``, and the mutants no test covers."""
    scores: dict[str, Score] = {}
    uncovered: list[str] = []
    for line in results.splitlines():
        if not (match := _RESULT.match(line)):
            continue
        mutant, status = line.split(":", 1)[0].strip(), match["status"]
        # `pkg.module.x_function__mutmut_3` (or `xǁClassǁmethod__mutmut_3`): the module is
        # what comes before the mangled function name.
        module = mutant.rsplit(".", 1)[0]
        if status == "no tests":
            uncovered.append(mutant)
            continue
        score = scores.setdefault(module, Score())
        score.statuses[status] += 1
        if status not in KILLED:
            score.survivors.append(mutant)
    return scores, uncovered


def run(name: str, modules: tuple[str, ...], children: int) -> dict[str, object]:
    """Render, mutate and score one project; print its table."""
    answers = PROJECTS[name]
    started = time.perf_counter()
    project = render(**answers)
    package = next(p.name for p in (project / "src").iterdir() if p.is_dir())
    paths = core_paths(project, package, modules)
    configure(project, package, paths)
    env = project_env()
    venv = project / ".venv" / "bin"
    python = str(venv / "python")
    install = [UV, "pip", "install", "--quiet", "--python", python, MUTMUT, PYTEST_TIMEOUT]
    subprocess.run(install, cwd=project, env=env, check=True)
    mutmut = str(venv / "mutmut")
    mutated = subprocess.run(
        [mutmut, "run", "--max-children", str(children)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if mutated.returncode != 0:
        sys.exit(f"mutmut failed in {project}:\n{mutated.stdout[-3000:]}{mutated.stderr[-3000:]}")
    results = subprocess.run(
        [mutmut, "results", "--all", "true"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    scores, uncovered = parse(results)
    seconds = time.perf_counter() - started
    _print(name, project, scores, uncovered, seconds)
    return {
        "project": name,
        "answers": answers,
        "seconds": round(seconds, 1),
        "modules": {
            module: {
                "mutants": score.total,
                "killed": score.killed,
                "percent": round(score.percent, 1),
                "statuses": dict(score.statuses),
                "survivors": score.survivors,
            }
            for module, score in sorted(scores.items())
        },
        "uncovered": uncovered,
    }


def _print(
    name: str,
    project: Path,
    scores: dict[str, Score],
    uncovered: list[str],
    seconds: float,
) -> None:
    print(f"\n{name} ({project}), {seconds:.0f} s")
    print(f"{'module':<36} {'mutants':>8} {'killed':>7} {'score':>7}")
    for module, score in sorted(scores.items()):
        print(f"{module:<36} {score.total:>8} {score.killed:>7} {score.percent:>6.1f}%")
    everything = Score(statuses=sum((s.statuses for s in scores.values()), Counter()))
    print(f"{'all':<36} {everything.total:>8} {everything.killed:>7} {everything.percent:>6.1f}%")
    survivors = [mutant for score in scores.values() for mutant in score.survivors]
    if survivors:
        print(f"\nsurvivors ({len(survivors)}): `cd {project} && .venv/bin/mutmut show NAME`")
        for mutant in survivors:
            print(f"  {mutant}")
    if uncovered:
        print(f"\nnot covered by any test ({len(uncovered)}):")
        for mutant in uncovered:
            print(f"  {mutant}")


def main() -> None:
    """Parse the arguments, run each project, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", choices=[*PROJECTS, "all"], default="all")
    parser.add_argument("--modules", default=",".join(CORE), help="comma-separated")
    parser.add_argument("--children", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, default=Path(__file__).with_name("mutation.json"))
    arguments = parser.parse_args()
    names = list(PROJECTS) if arguments.project == "all" else [arguments.project]
    modules = tuple(module.strip() for module in arguments.modules.split(",") if module.strip())
    unknown = set(modules) - set(CORE)
    if unknown:
        parser.error(f"unknown modules {sorted(unknown)}; choose from {', '.join(CORE)}")
    report = [run(name, modules, arguments.children) for name in names]
    arguments.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {arguments.json}")


if __name__ == "__main__":
    main()
