"""What never reaches a log line or a screen: secret-shaped values, and credentials in URLs.

Logging passes every string through ``redact_text``; ``config`` and ``doctor`` show URLs through
``mask_url``. The patterns are broad on purpose: masking a harmless value costs nothing, showing
a password costs a rotation.
"""

import re

REDACTED = "[REDACTED]"
MASK = "***"

# Values that are secrets wherever they appear, even inside a message or a traceback.
SECRET_VALUES = (
    re.compile(r"sk-ant-[A-Za-z0-9_-]{8,}"),  # Anthropic API keys
    re.compile(r"sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}"),  # OpenAI API keys
    re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{8,}"),  # bearer tokens in headers
)
# The password in a URL's user information: `postgresql://app:pw@db`, `redis://:pw@cache`.
_URL_PASSWORD = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^\s:/?#@]*):[^\s/?#@]*@")
# A parameter whose name ends in password, passwd, pwd, secret, token or api key: in a URL's
# query (`?password=`, `&sslpassword=`) or in a libpq connection string (`password=...`).
_SECRET_PARAMETER = re.compile(
    r"(?i)(\b[\w.-]*(?:pass(?:word|wd)?|pwd|secret|token|api[-_]?key))=('[^']*'|[^\s&#;'\"]+)",
)


# Every pattern above needs one of these: a string without any is left alone after one search
# instead of five substitutions. Logging runs this on every string of every line.
_MAY_HOLD_A_SECRET = re.compile(r"sk-|://|=|bearer", re.IGNORECASE)


def mask_url(url: str) -> str:
    """``url`` (or any text holding URLs) with every credential replaced by ``***``.

    For example ``postgresql://app:***@db/app?sslpassword=***``.
    """
    url = _URL_PASSWORD.sub(rf"\1:{MASK}@", url)
    return _SECRET_PARAMETER.sub(rf"\1={MASK}", url)


def redact_text(text: str) -> str:
    """``text`` without anything secret: keys and tokens replaced, URL credentials masked."""
    if not _MAY_HOLD_A_SECRET.search(text):
        return text
    for pattern in SECRET_VALUES:
        text = pattern.sub(REDACTED, text)
    return mask_url(text)
