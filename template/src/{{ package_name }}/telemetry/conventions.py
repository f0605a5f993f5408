"""The names telemetry uses: OpenTelemetry's GenAI semantic conventions, and a few of our own.

The GenAI conventions (``gen_ai.*``) are still in development and now live in their own
repository (open-telemetry/semantic-conventions-genai); the ``opentelemetry-semantic-conventions``
package marks its copies of them deprecated for that reason. So the names are spelled here, once,
as the current conventions define them: a dashboard or a collector rule built on them keeps
working for as long as this file does not change. Names of our own are under ``agent.``, the
same in every project made from this template, so that one dashboard serves them all.
"""

from typing import Final

# Spans and metrics: what the operation was and who served it.
OPERATION_NAME: Final = "gen_ai.operation.name"
PROVIDER_NAME: Final = "gen_ai.provider.name"
AGENT_NAME: Final = "gen_ai.agent.name"
CONVERSATION_ID: Final = "gen_ai.conversation.id"
REQUEST_MODEL: Final = "gen_ai.request.model"
REQUEST_MAX_TOKENS: Final = "gen_ai.request.max_tokens"
RESPONSE_MODEL: Final = "gen_ai.response.model"
RESPONSE_FINISH_REASONS: Final = "gen_ai.response.finish_reasons"
USAGE_INPUT_TOKENS: Final = "gen_ai.usage.input_tokens"
USAGE_OUTPUT_TOKENS: Final = "gen_ai.usage.output_tokens"
TOKEN_TYPE: Final = "gen_ai.token.type"  # noqa: S105 - input or output, not a secret
TOOL_NAME: Final = "gen_ai.tool.name"
TOOL_CALL_ID: Final = "gen_ai.tool.call.id"
TOOL_TYPE: Final = "gen_ai.tool.type"
ERROR_TYPE: Final = "error.type"

# Content: only with the TELEMETRY_CAPTURE_CONTENT setting (prompts can be personal data).
INPUT_MESSAGES: Final = "gen_ai.input.messages"
OUTPUT_MESSAGES: Final = "gen_ai.output.messages"
SYSTEM_INSTRUCTIONS: Final = "gen_ai.system_instructions"
TOOL_CALL_ARGUMENTS: Final = "gen_ai.tool.call.arguments"
TOOL_CALL_RESULT: Final = "gen_ai.tool.call.result"

# Values of gen_ai.operation.name and gen_ai.token.type.
INVOKE_AGENT: Final = "invoke_agent"
CHAT: Final = "chat"
EXECUTE_TOOL: Final = "execute_tool"
INPUT: Final = "input"
OUTPUT: Final = "output"

# Our own attributes.
RUN_ID: Final = "agent.run.id"
RUN_TURNS: Final = "agent.run.turns"
RUN_OUTCOME: Final = "agent.run.outcome"
PROMPT_HASH: Final = "agent.prompt.hash"
COST: Final = "agent.cost"
TOOL_SLOW: Final = "agent.tool.slow"

# Metrics. Durations are in seconds, as the conventions (and Prometheus) want them.
OPERATION_DURATION: Final = "gen_ai.client.operation.duration"
TOKEN_USAGE: Final = "gen_ai.client.token.usage"  # noqa: S105 - a metric, not a secret
AGENT_DURATION: Final = "gen_ai.invoke_agent.duration"
TOOL_DURATION: Final = "gen_ai.execute_tool.duration"
COST_METRIC: Final = "agent.cost"
HTTP_SERVER_DURATION: Final = "http.server.request.duration"

# The bucket boundaries the conventions advise, so that histograms from every service line up:
# durations from 10 ms doubling to 82 s, token counts in powers of 4 up to 67 million, and
# HTTP server durations from 5 ms to 10 s.
DURATION_BUCKETS: Final = tuple(round(0.01 * 2**power, 2) for power in range(14))
TOKEN_BUCKETS: Final = tuple(4**power for power in range(14))
HTTP_DURATION_BUCKETS: Final = (
    0.005,
    0.01,
    0.025,
    0.05,
    0.075,
    0.1,
    0.25,
    0.5,
    0.75,
    1,
    2.5,
    5,
    7.5,
    10,
)
