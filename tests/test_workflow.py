"""The template repository's own CI workflow: valid, safe, and sharded over the whole suite."""

from __future__ import annotations

import itertools
import subprocess
from typing import Any

import yaml
from conftest import TEMPLATE, choices, tool

WORKFLOWS = TEMPLATE / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "ci.yml"


def _run(*argv: str) -> None:
    result = subprocess.run(argv, cwd=TEMPLATE, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(argv)}:\n{result.stdout}{result.stderr}"


def test_the_workflows_are_valid_and_pass_zizmor() -> None:
    workflows = sorted(str(path) for path in WORKFLOWS.glob("*.yml"))
    assert len(workflows) == 2, workflows  # CI, and the weekly mutation testing
    _run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *workflows)
    # With the repository's own configuration, .github/zizmor.yml.
    _run(tool("zizmor"), "--offline", ".github/workflows")


def test_the_shards_cover_every_provider_and_interface() -> None:
    # A new provider or interface adds matrix combinations: without a shard of their own in the
    # workflow, CI would never run them.
    workflow: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    shards = workflow["jobs"]["test"]["strategy"]["matrix"]["shard"]

    expected = [
        f"{provider}-{interface}"
        for provider, interface in itertools.product(choices("provider"), choices("interface"))
    ]
    assert shards == [*expected, "rest"]


def test_the_nightly_run_checks_what_a_push_only_samples() -> None:
    # A push checks a rotating sample of the release updates and of the other cases' types and
    # tests (docs/development.md); without the nightly run in full, a case could go unchecked.
    workflow: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow[True]["schedule"]  # YAML 1.1 reads the `on` key as True
    env = workflow["jobs"]["test"]["env"]
    for name in ("UPDATE_SAMPLE", "FULL_CASES"):
        assert env[name] == "${{ github.event_name == 'schedule' && 'all' || '' }}", name
