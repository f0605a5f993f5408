"""Where the documentation of each check is: docs/conventions.md in the plugin's own source.

The plugin is installed from the template repository (``uvx --from git+https://...@v1.2.0``,
or a local checkout), and pip/uv record where it came from in ``direct_url.json`` (PEP 610).
The links point at that repository and commit, so each organisation's report links to its own
copy of the conventions, at the version that checked the repository.
"""

from __future__ import annotations

import importlib.metadata
import json

DISTRIBUTION = "copier-agent"
DOCS_PATH = "docs/conventions.md"


def docs_base(direct_url: str | None) -> str:
    """The URL of docs/conventions.md for a PEP 610 ``direct_url.json`` (``""`` if unknown)."""
    if not direct_url:
        return ""
    try:
        origin = json.loads(direct_url)
    except json.JSONDecodeError:
        return ""
    url = str(origin.get("url", "")).removesuffix("/")
    commit = origin.get("vcs_info", {}).get("commit_id")
    if commit and url.startswith("https://"):
        url = url.removesuffix(".git")
        blob = "/-/blob/" if "gitlab" in url.split("/")[2] else "/blob/"
        return f"{url}{blob}{commit}/{DOCS_PATH}"
    if "dir_info" in origin and url.startswith("file://"):
        return f"{url}/{DOCS_PATH}"
    return ""


def docs_url(code: str) -> str:
    """The link to the documentation of check ``code`` (``""`` when the origin is unknown)."""
    try:
        direct_url = importlib.metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except importlib.metadata.PackageNotFoundError:
        direct_url = None
    base = docs_base(direct_url)
    return f"{base}#{code.lower()}" if base else ""
