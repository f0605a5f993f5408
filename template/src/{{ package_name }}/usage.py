"""Token usage, added up across the model calls of a run."""

from dataclasses import dataclass
from typing import Self


@dataclass(frozen=True, slots=True)
class Usage:
    """Tokens one model call (or a whole run) consumed."""

    input_tokens: int = 0
    output_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        """Input and output tokens together."""
        return self.input_tokens + self.output_tokens

    def __add__(self, other: Self) -> Self:
        """The usage of both calls."""
        return type(self)(
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
        )
