"""Limits given on the command line, as the grader uses them."""

from __future__ import annotations

import re

from lossdrill.errors import UsageError
from lossdrill.i18n import _

_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*")
_SCALE = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}


def parse_memory(text: str) -> int:
    """``512M``, ``2G``, ``1.5g``, ``800MiB`` → bytes; at least what Python with NumPy needs."""
    match = _SIZE.fullmatch(text.lower())
    if not match:
        raise UsageError(_("--memory {text}: expected a size such as 512M or 2G", text=repr(text)))
    size = int(float(match.group(1)) * _SCALE[match.group(2)])
    if size < 64 << 20:
        raise UsageError(_("--memory {text}: at least 64M is needed to run Python with NumPy",
                           text=repr(text)))
    return size
