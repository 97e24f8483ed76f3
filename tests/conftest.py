"""Test-session set-up shared by every file."""

from __future__ import annotations

import os
import tempfile

# Validated specs are cached per user; the suite keeps its own cache (inherited by the
# command-line runs it starts) rather than writing to the user's.
os.environ.setdefault("LOSSDRILL_CACHE", tempfile.mkdtemp(prefix="lossdrill-test-cache-"))
