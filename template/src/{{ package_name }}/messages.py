"""The conversation, in the project's own terms: no vendor type leaks past the providers.

A conversation is a list of ``Message``: the user's turns, the assistant's replies (with the tool
calls it asked for) and the tool results sent back. Messages are immutable, validate on the way
in, and serialise to JSON for the session store.
"""

import math
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field


class ToolCall(BaseModel):
    """A tool the model asked to run, with its arguments."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    arguments: dict[str, Any] = Field(default_factory=dict)
    # The raw text, when the model sent arguments that are not a JSON object: the tool is not
    # run, and the model is told why, so that it can try again.
    invalid_arguments: str | None = None


class ToolResult(BaseModel):
    """What a tool returned (or why it failed), for the call with ``tool_call_id``."""

    model_config = ConfigDict(frozen=True)

    tool_call_id: str = Field(min_length=1)
    content: str
    is_error: bool = False


class Message(BaseModel):
    """One turn of the conversation."""

    model_config = ConfigDict(frozen=True)

    role: Literal["user", "assistant", "tool"]
    content: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    tool_results: tuple[ToolResult, ...] = ()

    @classmethod
    def user(cls, text: str) -> Self:
        """The user's turn."""
        return cls(role="user", content=text)

    @classmethod
    def assistant(cls, text: str = "", tool_calls: tuple[ToolCall, ...] = ()) -> Self:
        """The assistant's reply: text, tool calls, or both."""
        return cls(role="assistant", content=text, tool_calls=tool_calls)

    @classmethod
    def tool(cls, results: tuple[ToolResult, ...]) -> Self:
        """The results of the tool calls of the previous assistant message."""
        return cls(role="tool", tool_results=results)


def estimate_tokens(message: Message) -> int:
    """A cheap estimate of the tokens ``message`` costs: about four characters of JSON each."""
    return math.ceil(len(message.model_dump_json()) / 4)
