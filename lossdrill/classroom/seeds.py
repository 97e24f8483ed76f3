"""Each student's hidden tests draw from their own seed: HMAC-SHA256 of the course secret
over `student|exercise`. Different for every student and exercise, the same at every regrade,
and unguessable without the secret (so a student cannot replay another's vectors).

The secret comes from --secret, else LOSSDRILL_SECRET, else the one kept in OUT from an
earlier run; failing all three, a new one is made and kept there (readable by its owner only).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from lossdrill.classroom.files import write_atomic
from lossdrill.errors import UsageError

SECRET_ENV = "LOSSDRILL_SECRET"
SECRET_FILE = "secret.txt"
MIN_LENGTH = 8


def student_seed(secret: str, student: str, exercise: str) -> int:
    # surrogatepass: an id from a folder name that is not UTF-8 holds lone surrogates; the
    # same name always gives the same bytes, and a UTF-8 id the bytes it always gave.
    message = f"{student}|{exercise}".encode("utf-8", "surrogatepass")
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


def check_secret(secret: str, source: str) -> str:
    secret = secret.strip()
    if len(secret) < MIN_LENGTH:
        raise UsageError(f"{source}: the course secret must have at least {MIN_LENGTH} "
                         "characters; make one with `python -c \"import secrets; "
                         "print(secrets.token_hex(16))\"` and keep it for regrades")
    return secret


def course_secret(flag: str | None, state_dir: Path) -> tuple[str, str]:
    """The secret, and where it came from (for the report)."""
    if flag is not None:
        return check_secret(flag, "--secret"), "--secret"
    env = os.environ.get(SECRET_ENV)
    if env is not None:
        return check_secret(env, SECRET_ENV), SECRET_ENV
    kept = state_dir / SECRET_FILE
    if kept.is_file():
        try:
            return check_secret(kept.read_text(encoding="utf-8"), str(kept)), str(kept)
        except (OSError, UnicodeDecodeError):
            raise UsageError(f"{kept}: unreadable course secret; restore it, or pass --secret "
                             "(the hidden tests' vectors depend on it)") from None
    return secrets.token_hex(16), "new"


def keep_secret(secret: str, state_dir: Path) -> Path:
    path = state_dir / SECRET_FILE
    write_atomic(path, secret + "\n", mode=0o600)
    return path
