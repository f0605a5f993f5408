"""The scheduled update job (``scripts/template_update.py`` in generated projects), run locally.

Each test makes the set-up a CI job has: a template clone with its releases tagged and a newer
release on top, a project's repository as the remote (a local bare repository), a fresh clone of
it as the job's checkout, and the platform replaced by a recorder: a fake ``gh`` first on PATH
for GitHub, a local HTTP server standing in for GitLab's API.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from template_repo import commit_all, git, tagged_clone

from scripts import releases

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from types import ModuleType

    from template_repo import TaggedTemplate

SCRIPT = "scripts/template_update.py"
VENV_BIN = Path(sys.executable).parent
UV = str(VENV_BIN / "uv")
BOT = "template-update@noreply.invalid"
FAKE_GH = '''#!{python}
"""The GitHub CLI's stand-in: records each call; `pr list` finds the requests it created."""
import json
import sys
from pathlib import Path

log = Path({log!r})
calls = json.loads(log.read_text()) if log.exists() else []
args = sys.argv[1:]
call = {{"args": args}}
if "--body-file" in args:
    call["body"] = Path(args[args.index("--body-file") + 1]).read_text()
calls.append(call)
log.write_text(json.dumps(calls))
if args[:2] == ["pr", "list"]:
    head = args[args.index("--head") + 1]
    if any(made["args"][:2] == ["pr", "create"] and head in made["args"] for made in calls):
        print(7)
'''


def _release_on_top(template: TaggedTemplate, changes: dict[str, tuple[str, str]]) -> str:
    """Commit ``changes`` (path -> old, new text) to the template and tag them: the new tag."""
    for name, (old, new) in changes.items():
        path = template.path / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{name} no longer has {old!r}: change this test"
        path.write_text(text.replace(old, new), encoding="utf-8")
    commit_all(template.path, "A newer release")
    newest = releases.Release(template.head.removeprefix("v"), "0" * 40)
    tag = "v" + releases.next_version([newest])
    git(template.path, "tag", tag)
    return tag.removeprefix("v")


def _project(
    tmp_path: Path,
    template: TaggedTemplate,
    tag: str,
    edit: Callable[[Path], None],
    **answers: str,
) -> tuple[Path, Path]:
    """A project rendered at ``tag`` and edited, as a remote and the job's checkout of it."""
    work = template.render(
        tmp_path / "work", tag, {"project_name": "Job Agent", **answers}, tasks=True
    )
    # Releases since 0.2.0 make the repository themselves (tasks/git_init.py), on the
    # machine's default branch name: the remote's branch is `main` here either way.
    git(work, "init", "--quiet")
    git(work, "symbolic-ref", "HEAD", "refs/heads/main")
    commit_all(work, f"Render from {tag}")
    edit(work)
    commit_all(work, "Our own changes")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(work), str(origin))
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "--quiet", str(origin), str(checkout))
    return origin, checkout


def _run_job(
    checkout: Path,
    platform: str,
    env: dict[str, str],
    script: Path | str = SCRIPT,
) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "PATH": f"{env.pop('BIN', '')}:{VENV_BIN}:{os.environ['PATH']}",
        **env,
    }
    for name in ("PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER", "VIRTUAL_ENV", "COVERAGE_FILE"):
        environment.pop(name, None)
    return subprocess.run(
        [sys.executable, str(script), "--platform", platform, "--base", "main"],
        cwd=checkout,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def _branch_head(origin: Path, branch: str) -> str:
    return git(origin, "rev-parse", f"refs/heads/{branch}").strip()


@pytest.fixture
def template(tmp_path: Path) -> TaggedTemplate:
    """A tagged clone of this template of the test's own: the tests add releases to it."""
    return tagged_clone(tmp_path / "copier-agent")


@pytest.fixture
def gh(tmp_path: Path) -> tuple[Path, Path]:
    """A fake ``gh`` in a directory of its own: the directory and the log of its calls."""
    bin_dir, log = tmp_path / "bin", tmp_path / "gh-calls.json"
    bin_dir.mkdir()
    fake = bin_dir / "gh"
    fake.write_text(FAKE_GH.format(python=sys.executable, log=str(log)), encoding="utf-8")
    fake.chmod(0o755)
    return bin_dir, log


def _owners_dependency_and_heading(project: Path) -> None:
    # Up to 0.1.0 `uv add` put this right after pydantic, the line the new release changes.
    subprocess.run(
        [UV, "add", "--no-sync", "--quiet", "pydantic-extra-types>=2.10"],
        cwd=project,
        check=True,
    )
    readme = project / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(text.replace("## Quickstart", "## Getting started"), encoding="utf-8")


def test_a_conflicting_dependency_gets_a_branch_a_fresh_lock_and_a_request_listing_conflicts(
    tmp_path: Path,
    template: TaggedTemplate,
    gh: tuple[Path, Path],
    job_script: Path,
) -> None:
    latest = _release_on_top(
        template,
        {
            "src/copier_agent_conventions/standards.py": (
                '"pydantic": ">=2.14,<3"',
                '"pydantic": ">=2.14.2,<3"',
            ),
            "template/README.md.jinja": ("## Quickstart", "## Quick start"),
        },
    )
    origin, checkout = _project(
        tmp_path, template, template.releases[0].tag, _owners_dependency_and_heading
    )
    bin_dir, log = gh
    branch = f"template-update/{latest}"

    # The project is on 0.1.0, which had no such script: the newest release's runs in it.
    first = _run_job(checkout, "github", {"BIN": str(bin_dir)}, job_script)

    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout == f"Pushed {branch} and opened its request.\n"
    pushed = _branch_head(origin, branch)
    assert git(origin, "log", "--format=%ae %P", "-1", pushed).split() == [
        BOT,
        _branch_head(origin, "main"),
    ]
    lock = git(origin, "show", f"{pushed}:uv.lock")
    assert 'name = "pydantic-extra-types"' in lock
    assert '{ name = "pydantic", specifier = ">=2.14.2,<3" }' in lock
    assert "<<<<<<< " not in git(origin, "show", f"{pushed}:pyproject.toml")
    assert "<<<<<<< before updating" in git(origin, "show", f"{pushed}:README.md")
    [create] = json.loads(log.read_text(encoding="utf-8"))[1:]
    assert create["args"][:6] == ["pr", "create", "--head", branch, "--base", "main"]
    body = create["body"]
    assert "## Conflicts to resolve" in body
    assert "\n- `README.md`\n" in body
    assert "`pyproject.toml`" not in body.split("## Conflicts to resolve")[1].split("**Lock")[0]
    assert "**Lock file:** regenerated" in body
    assert "**Tests:** not run: resolve the conflicts" in body

    # Run again: nothing new, nothing pushed, the same request.
    again = _run_job(checkout, "github", {"BIN": str(bin_dir)}, job_script)

    assert again.stdout == f"{branch} is up to date with main, and its request is open.\n"
    assert _branch_head(origin, branch) == pushed
    assert [call["args"][:2] for call in json.loads(log.read_text(encoding="utf-8"))].count(
        ["pr", "create"]
    ) == 1


def test_a_persons_commits_are_never_pushed_over_and_the_jobs_own_are_renewed(
    tmp_path: Path,
    template: TaggedTemplate,
    gh: tuple[Path, Path],
) -> None:
    latest = _release_on_top(
        template, {"template/README.md.jinja": ("## Quickstart", "## Quick start")}
    )
    origin, checkout = _project(tmp_path, template, template.head, _owners_dependency_and_heading)
    bin_dir, log = gh
    branch = f"template-update/{latest}"
    assert _run_job(checkout, "github", {"BIN": str(bin_dir)}).returncode == 0
    bots = _branch_head(origin, branch)
    # Someone resolves the conflict on the branch, and the main branch moves on.
    person = tmp_path / "person"
    git(tmp_path, "clone", "--quiet", "--branch", branch, str(origin), str(person))
    readme = person / "README.md"
    readme.write_text("# Job Agent\n\nResolved by hand.\n", encoding="utf-8")
    commit_all(person, "Resolve the README")
    git(person, "push", "--quiet", "origin", branch)
    git(person, "switch", "--quiet", "--create", "main", "origin/main")
    (person / "NOTES.md").write_text("Meanwhile on main.\n", encoding="utf-8")
    commit_all(person, "Notes")
    git(person, "push", "--quiet", "origin", "main")
    persons = _branch_head(origin, branch)
    git(checkout, "pull", "--quiet", "origin", "main")

    kept = _run_job(checkout, "github", {"BIN": str(bin_dir)})

    assert kept.stdout == f"{branch} has someone else's commits: left as it is.\n"
    assert _branch_head(origin, branch) == persons

    # Had nobody touched it, the job's own commit is made again on the new main.
    git(person, "push", "--quiet", "--force", "origin", f"{bots}:refs/heads/{branch}")

    renewed = _run_job(checkout, "github", {"BIN": str(bin_dir)})

    assert (
        renewed.stdout == f"Pushed {branch} again, on the newest main, and updated its request.\n"
    )
    head = _branch_head(origin, branch)
    assert git(origin, "log", "--format=%P", "-1", head).strip() == _branch_head(origin, "main")
    assert json.loads(log.read_text(encoding="utf-8"))[-1]["args"][:3] == ["pr", "edit", "7"]


class _GitLab(BaseHTTPRequestHandler):
    """GitLab's merge request API as the job uses it: no open request, then the one it opens."""

    calls: list[dict[str, Any]] = []  # noqa: RUF012 - one server per test, reset by the fixture

    def _answer(self, payload: object) -> None:
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _record(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        call = {
            "method": self.command,
            "path": self.path,
            "token": self.headers["PRIVATE-TOKEN"],
            "data": json.loads(self.rfile.read(length)) if length else None,
        }
        self.calls.append(call)
        return call

    def do_GET(self) -> None:
        self._record()
        self._answer([])

    def do_POST(self) -> None:
        self._record()
        self._answer({"iid": 1})

    def log_message(self, *_: object) -> None:
        """Quiet."""


@pytest.fixture
def gitlab() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A local stand-in for GitLab's API: its base URL and the calls it received."""
    _GitLab.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _GitLab)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/api/v4", _GitLab.calls
    server.shutdown()
    server.server_close()


def _owners_dependency(project: Path) -> None:
    subprocess.run([UV, "add", "--no-sync", "--quiet", "humanize>=4.9"], cwd=project, check=True)


def test_on_gitlab_a_clean_update_is_tested_and_proposed_as_a_merge_request(
    tmp_path: Path,
    template: TaggedTemplate,
    gitlab: tuple[str, list[dict[str, Any]]],
) -> None:
    section = "\n## Security\n\nReport vulnerabilities privately.\n"
    readme = "template/README.md.jinja"
    text = (template.path / readme).read_text(encoding="utf-8")
    latest = _release_on_top(template, {readme: (text, text + section)})
    origin, checkout = _project(tmp_path, template, template.head, _owners_dependency, ci="gitlab")
    api, calls = gitlab

    result = _run_job(
        checkout,
        "gitlab",
        {"CI_API_V4_URL": api, "CI_PROJECT_ID": "42", "TEMPLATE_UPDATE_TOKEN": "glpat-test"},
    )

    assert result.returncode == 0, result.stdout + result.stderr
    branch = f"template-update/{latest}"
    assert git(origin, "show", f"{branch}:README.md").endswith(section)
    find, opened = calls[0], calls[-1]
    assert find["method"] == "GET"
    assert f"source_branch={branch.replace('/', '%2F')}" in find["path"]
    assert opened["method"] == "POST"
    assert opened["path"] == "/api/v4/projects/42/merge_requests"
    assert opened["token"] == "glpat-test"  # noqa: S105 - the test's own token
    request = opened["data"]
    assert (request["source_branch"], request["target_branch"]) == (branch, "main")
    assert "No conflicts." in request["description"]
    assert "**Tests:** `uv run --locked pytest` passed." in request["description"]


# --- the script's parts ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def job_script(tmp_path_factory: pytest.TempPathFactory, tagged_template: TaggedTemplate) -> Path:
    """The script as the newest release renders it into a project."""
    project = tmp_path_factory.mktemp("job") / "project"
    return (
        tagged_template.render(project, tagged_template.head, {"project_name": "Job Agent"})
        / SCRIPT
    )


@pytest.fixture(scope="module")
def job(job_script: Path) -> ModuleType:
    """The script, imported."""
    spec = importlib.util.spec_from_file_location("template_update", job_script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_marked_files_and_rejected_hunks_are_found_even_when_ignored(
    job: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "--quiet")
    Path(".gitignore").write_text("*.rej\n", encoding="utf-8")
    Path("clean.py").write_text("x = 1\n", encoding="utf-8")
    commit_all(tmp_path, "Before the update")
    Path("clean.py").write_text("<<<<<<<< not a marker\n", encoding="utf-8")
    Path("README.md").write_text("<<<<<<< before updating\na\n=======\nb\n>>>>>>> after\n")
    Path("src").mkdir()
    Path("src/app.py.rej").write_text("@@ -1 +1 @@\n", encoding="utf-8")

    assert job.find_conflicts() == (["README.md"], ["src/app.py.rej"])


def test_a_template_path_this_machine_lacks_stops_the_job_with_the_fix(
    job: ModuleType,
    tmp_path: Path,
) -> None:
    with pytest.raises(job.UpdateError, match="set _src_path there to the template's git URL"):
        job.check_source(str(tmp_path / "no-such-template"))
    job.check_source("https://gitlab.example.com/platform/copier-agent.git")
    job.check_source("git@github.com:acme/copier-agent.git")
    job.check_source(str(tmp_path))


def test_the_body_never_shows_credentials_and_lists_rejected_hunks(job: ModuleType) -> None:
    update = job.Update(
        "0.1.0",
        "0.2.0",
        "https://oauth2:glpat-secret@gitlab.example.com/platform/copier-agent.git",
        rejected=["src/app.py.rej"],
        lock="regenerated.",
        tests="not run.",
    )

    body = update.body()

    assert "glpat-secret" not in body
    assert "`https://gitlab.example.com/platform/copier-agent.git`" in body
    assert "## Changes that did not apply" in body
    assert "- `src/app.py.rej`" in body


def test_a_private_template_is_read_with_its_own_token_through_the_environment_only(
    job: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TEMPLATE_TOKEN", "s3cret/+")
    monkeypatch.delenv("GIT_CONFIG_COUNT", raising=False)

    env = job.copier_env("gh:acme/copier-agent", "x-access-token")
    local = job.copier_env("/srv/templates/copier-agent", "x-access-token")

    rewrite = subprocess.run(
        ["git", "config", "--get-regexp", r"^url\..*\.insteadof$"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    authenticated = "https://x-access-token:s3cret%2F%2B@github.com/acme/copier-agent"
    assert rewrite == f"url.{authenticated}.insteadof https://github.com/acme/copier-agent\n"
    assert "GIT_CONFIG_COUNT" not in local
