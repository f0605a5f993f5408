"""The fixed choices of a few settings, in a module light enough for the command line's options.

``settings.py`` builds on these; importing this module alone does not load pydantic.
"""

from enum import StrEnum
from typing import Literal


class Environment(StrEnum):
    """Where the project runs; anything but development refuses placeholder secrets."""

    DEVELOPMENT = "development"
    STAGING = "staging"
    PRODUCTION = "production"


class LogFormat(StrEnum):
    """How log lines are written."""

    AUTO = "auto"  # readable on a terminal, JSON everywhere else
    CONSOLE = "console"
    JSON = "json"


LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
