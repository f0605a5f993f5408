"""What the service's middleware costs per request, against a bare FastAPI endpoint.

    uv run python benchmarks/web_overhead.py [--requests 5000]

Both applications answer ``GET /healthz`` in-process over ASGI (no sockets, no server), in the
rendered project's own environment. The service's request goes through its whole stack: request
id and access log, body limit, API-key check (skipped for probes), deadline. A second pair
compares an authenticated route (``GET /v1/sessions/{id}`` answering 404 from the session store,
through the rate limit and the error handler) with a bare endpoint that raises the same 404.
Prints microseconds per request and the ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import subprocess

from project import render

RUNNER = """
import asyncio, logging, sys, time
from fastapi import FastAPI, HTTPException
from pydantic import SecretStr
from bench_agent.choices import LogFormat
from bench_agent.logging import configure_logging
from bench_agent.settings import Settings
from bench_agent.web import create_app

REQUESTS = int(sys.argv[1])
KEY = "benchmark-key-" + "0" * 20


def scope(path, headers=()):
    return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
            "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
            "root_path": "", "headers": list(headers), "client": ("127.0.0.1", 1),
            "server": ("bench", 80)}


async def receive():
    return {"type": "http.request", "body": b"", "more_body": False}


async def send(message):
    pass


async def measure(app, path, headers=()):
    for _ in range(200):  # warm up
        await app(scope(path, headers), receive, send)
    started = time.perf_counter()
    for _ in range(REQUESTS):
        await app(scope(path, headers), receive, send)
    return (time.perf_counter() - started) / REQUESTS * 1e6


async def main():
    bare = FastAPI()

    @bare.get("/healthz")
    async def healthz():
        return {"status": "ok"}

    @bare.get("/v1/sessions/{session_id}")
    async def session(session_id: str):
        raise HTTPException(404, detail=f"no session {session_id!r}")

    settings = Settings(
        provider="fake",
        storage_url="memory://",
        service_api_keys=(SecretStr(KEY),),
        rate_limit_per_minute=10**9,
    )
    ours = create_app(settings)
    # The access log line is part of the cost; it goes to a handler that drops it.
    configure_logging("INFO", LogFormat.JSON, stream=open("/dev/null", "w"))
    async with ours.router.lifespan_context(ours):
        bare_probe = await measure(bare, "/healthz")
        probe = await measure(ours, "/healthz")
        bare_route = await measure(bare, "/v1/sessions/missing")
        auth = [(b"authorization", f"Bearer {KEY}".encode())]
        route = await measure(ours, "/v1/sessions/missing", auth)
    for name, micros, base in (
        ("bare FastAPI /healthz", bare_probe, bare_probe),
        ("service /healthz", probe, bare_probe),
        ("bare FastAPI 404", bare_route, bare_route),
        ("service /v1/sessions 404", route, bare_route),
    ):
        print(f"{name:<28}{micros:8.1f} us/request   ratio {micros / base:.2f}")


asyncio.run(main())
"""


def main() -> None:
    """Render a web project, then time both applications in its environment."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=5000)
    requests = parser.parse_args().requests
    project = render(interface="web", storage="none")
    (project / "bench_web.py").write_text(RUNNER, encoding="utf-8")
    python = project / ".venv" / "bin" / "python"
    subprocess.run([str(python), "bench_web.py", str(requests)], cwd=project, check=True)


if __name__ == "__main__":
    main()
