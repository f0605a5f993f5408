"""What the service's middleware costs per request, against a bare FastAPI endpoint.

    uv run python benchmarks/web_overhead.py [--requests 5000]

Both applications answer ``GET /healthz`` in-process over ASGI (no sockets, no server), in the
rendered project's own environment. The service's request goes through its whole stack: request
id and access log, body limit, API-key check (skipped for probes), deadline. A second pair
compares an authenticated route (``GET /v1/sessions/{id}`` answering 404 from the session store,
through the rate limit and the error handler) with a bare endpoint that raises the same 404.
The last row is that route with telemetry on (a span per request, its metrics; spans handed to
an exporter that drops them), against the same route with telemetry off: what tracing costs.
Telemetry off adds nothing to a request: no middleware, no hook, nothing of the SDK loaded.
Prints microseconds per request and the ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import subprocess

from project import render

RUNNER = """
import asyncio, logging, statistics, sys, time
from fastapi import FastAPI, HTTPException
from pydantic import SecretStr
from bench_agent.choices import LogFormat
from bench_agent.logging import configure_logging
from bench_agent.settings import Settings
from bench_agent.telemetry.setup import start_telemetry
from bench_agent.web import create_app
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult

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


async def medians(cases, rounds=5):
    # Round after round of every case, so that a machine getting busier hurts them all alike.
    times = [[] for _ in cases]
    for _ in range(rounds):
        for case, measured in zip(cases, times):
            measured.append(await measure(*case))
    return [statistics.median(measured) for measured in times]


class Drop(SpanExporter):
    def export(self, spans):
        return SpanExportResult.SUCCESS


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
    # Spans go to an exporter that drops them: what is measured is recording them.
    telemetry = start_telemetry(
        settings, span_exporter=Drop(), metric_readers=[InMemoryMetricReader()]
    )
    traced = create_app(settings, telemetry=telemetry)
    # The access log line is part of the cost; it goes to a handler that drops it.
    configure_logging("INFO", LogFormat.JSON, stream=open("/dev/null", "w"))
    auth = [(b"authorization", f"Bearer {KEY}".encode())]
    async with ours.router.lifespan_context(ours), traced.router.lifespan_context(traced):
        bare_probe, probe, bare_route, route, traced_route = await medians(
            [
                (bare, "/healthz"),
                (ours, "/healthz"),
                (bare, "/v1/sessions/missing"),
                (ours, "/v1/sessions/missing", auth),
                (traced, "/v1/sessions/missing", auth),
            ],
        )
    telemetry.shutdown()
    for name, micros, base in (
        ("bare FastAPI /healthz", bare_probe, bare_probe),
        ("service /healthz", probe, bare_probe),
        ("bare FastAPI 404", bare_route, bare_route),
        ("service /v1/sessions 404", route, bare_route),
        ("  with telemetry on", traced_route, route),
    ):
        print(f"{name:<28}{micros:8.1f} us/request   ratio {micros / base:.2f}")


asyncio.run(main())
"""


def main() -> None:
    """Render a web project, then time both applications in its environment."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="per case and round")
    requests = parser.parse_args().requests
    project = render(interface="web", storage="none")
    (project / "bench_web.py").write_text(RUNNER, encoding="utf-8")
    python = project / ".venv" / "bin" / "python"
    subprocess.run([str(python), "bench_web.py", str(requests)], cwd=project, check=True)


if __name__ == "__main__":
    main()
