"""The ``MCP_SERVERS`` setting: which Model Context Protocol servers to connect to, and how.

A JSON list; each server is reached over stdio (``command``, ``args``, ``env``) or streamable HTTP
(``url``, ``headers``), and may be ``required``. Validated here, with the settings: the SDK that
connects to the servers (``mcp_tools.py``) is imported only when some are set.
"""

import json
from collections.abc import Sequence
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    SecretStr,
    Tag,
)
from pydantic_settings import NoDecode

# A server's name prefixes its tools' names (`<server>__<tool>`), which the models' APIs limit
# to ^[A-Za-z0-9_-]{1,64}$: a short name leaves room for the tool's.
MCP_SERVER_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]{0,19}$"


class _McpServer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(
        pattern=MCP_SERVER_NAME_PATTERN,
        description="Prefixes the server's tools: letters, digits and -, at most 20.",
    )
    required: bool = Field(
        default=False,
        description="Fail start-up when the server cannot be reached (else: a warning).",
    )


class McpStdioServer(_McpServer):
    """An MCP server the agent starts as a subprocess and talks to over its stdin and stdout."""

    command: str = Field(min_length=1)
    args: tuple[str, ...] = ()
    # Secrets (API keys) often go here: masked by `config`, never logged.
    env: dict[str, SecretStr] = Field(default_factory=dict)


class McpHttpServer(_McpServer):
    """An MCP server the agent reaches over streamable HTTP."""

    url: str = Field(pattern=r"^https?://")
    # Secrets (bearer tokens) often go here: masked by `config`, never logged.
    headers: dict[str, SecretStr] = Field(default_factory=dict)


def _transport(value: Any) -> str | None:  # noqa: ANN401 - whatever the JSON held
    """Which kind of server ``value`` describes: the key it has decides."""
    if isinstance(value, McpStdioServer | McpHttpServer):
        return "stdio" if isinstance(value, McpStdioServer) else "http"
    if isinstance(value, dict):
        return "stdio" if "command" in value else "http" if "url" in value else None
    return None


McpServer = Annotated[
    Annotated[McpStdioServer, Tag("stdio")] | Annotated[McpHttpServer, Tag("http")],
    Discriminator(
        _transport,
        custom_error_type="mcp_server",
        custom_error_message='a server needs "command" (stdio) or "url" (streamable HTTP)',
    ),
]


def _from_json(value: object) -> object:
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not a JSON list of servers: {exc}") from None


def refuse_repeats(names: Sequence[str], what: str) -> None:
    """Refuse a list of ``what`` that names one more than once (the settings' lists use it too).

    Raises:
        ValueError: Names the repeated ones, each once.
    """
    if twice := sorted({name for name in names if names.count(name) > 1}):
        raise ValueError(f"{what} listed more than once: {', '.join(map(repr, twice))}")


def _unique_names(servers: tuple[McpServer, ...]) -> tuple[McpServer, ...]:
    refuse_repeats([server.name for server in servers], "server names")
    return servers


# The setting's type: JSON from the environment (NoDecode: parsed here, so that a syntax error
# is a validation error that names the variable), then each server, then their names.
McpServers = Annotated[
    tuple[McpServer, ...],
    NoDecode,
    BeforeValidator(_from_json),
    AfterValidator(_unique_names),
]
