"""A real MCP server, written with the SDK, for the tests: over stdio as a script, or over HTTP.

``python tests/mcp_server.py`` serves it over stdin and stdout (the tests start it so);
``serving_over_http()`` serves it on a free port of 127.0.0.1, in a thread of the test process.
"""

import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from mcp.server import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

server = MCPServer("test-tools")
# The calls it answered, in this process: the tests count them.
CALLS: list[str] = []


@server.tool()
def add(a: int, b: int) -> str:
    """Add two integers.

    A second paragraph, which listings leave out.
    """
    CALLS.append("add")
    return str(a + b)


@server.tool()
def refuse(reason: str) -> str:
    """Always fail, saying why."""
    CALLS.append("refuse")
    raise ToolError(f"refused: {reason}")


@server.tool(name="dotted.name")
def dotted() -> str:
    """A name that MCP allows and the models' APIs do not: the agent leaves it out."""
    return "unreachable"


@server.tool()
def crash() -> str:
    """End the server's process at once, as a crash would."""
    os._exit(3)


@contextmanager
def serving_over_http() -> Iterator[str]:
    """The server on a free port of 127.0.0.1 until the block ends; yields its URL."""
    # Imported here: the server that runs over stdio starts faster without it.
    import uvicorn  # noqa: PLC0415

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    # log_config=None: uvicorn's own configuration would change its loggers' levels and
    # handlers for every later test in the process (tests/test_logging.py checks them).
    web = uvicorn.Server(uvicorn.Config(server.streamable_http_app(), log_config=None))
    thread = threading.Thread(target=web.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    while not web.started and thread.is_alive():
        threading.Event().wait(0.01)
    try:
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        web.should_exit = True
        thread.join()
        listener.close()


if __name__ == "__main__":
    server.run()
