"""The conversation, in the project's own terms: no vendor type leaks past the providers.

A conversation is a list of ``Message``: the user's turns, the assistant's replies (with the tool
calls it asked for) and the tool results sent back; and, in long conversations, summaries that
stand for the turns before them (see ``context.py``). Messages are immutable, validate on the way
in, and serialise to JSON for the session store.
"""

import math
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator


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

    role: Literal["user", "assistant", "tool", "summary"]
    content: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    tool_results: tuple[ToolResult, ...] = ()
    # A summary stands for the session's first ``covers`` messages: a position, not a count of
    # what came just before it, so that turns appended meanwhile by another run stay uncovered.
    covers: int | None = Field(default=None, ge=0, exclude_if=lambda value: value is None)

    @model_validator(mode="after")
    def _summaries_cover(self) -> Self:
        if (self.role == "summary") != (self.covers is not None):
            msg = "a summary, and only a summary, says how many messages it covers"
            raise ValueError(msg)
        return self

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

    @classmethod
    def summary(cls, text: str, covers: int) -> Self:
        """What the session's first ``covers`` messages said, in the model's words."""
        return cls(role="summary", content=text, covers=covers)


def estimate_tokens(message: Message) -> int:
    """A cheap estimate of the tokens ``message`` costs: about four characters of JSON each."""
    return math.ceil(len(message.model_dump_json()) / 4)
