"""``GET /metrics``: the service's metrics in Prometheus's text format.

Served (when telemetry is on) on the service's own port, behind the API key like every route
but the probes: Prometheus scrapes with ``authorization: {type: Bearer, credentials: <key>}``.
Each process keeps its own numbers: with ``serve --workers N`` a scrape sees one worker, so
use OTLP (a collector adds them up) there.
"""

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

router = APIRouter(tags=["operations"])


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}, "description": "Prometheus text format."}},
)
async def metrics(request: Request) -> Response:
    """Every metric of this process: runs, model calls, tokens, cost, tools, HTTP requests."""
    registry = request.app.state.telemetry.prometheus
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
