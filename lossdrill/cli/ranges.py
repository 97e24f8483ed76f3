"""Every number the command line takes, read and range-checked in one place.

The Typer options (options.py, app.py, classroom.py) and the fast path of `check`
(fastpath.py) call the same readers, so the two cannot disagree on what a value means or which
values are allowed. A reader takes the text as typed and returns the value, or raises a
UsageError whose one line names the option, the value and the fix. Only plain ASCII numbers
are read: no sign where none is meaningful, no `nan`, `inf`, exponent, `_` or non-ASCII digits
(all of which Python's int() and float() would take).

The ranges, and why:
- ``--seed``: 0 to 2**32 - 1, what NumPy's legacy seeding and most tools take and print;
- ``--timeout``: 0.1 to 600 seconds per call: below a tenth of a second Python cannot even
  start a call, and a loss function that runs for ten minutes has hung (the time is paid per
  call, per test and, in `grade`, per student);
- ``--memory``: 128M to the machine's physical memory: under a cap on its address space, a
  learner process with NumPy cannot even start below about 100M;
- ``--jobs``: 1 to four per core (more only queue for the same cores);
- ``--seeds``: 1 to 1000 fresh seeds per reference in `validate`;
- ``--similar-threshold``: 0.5 to 1.
"""

from __future__ import annotations

import os
import re

from lossdrill.errors import UsageError
from lossdrill.i18n import _

MAX_SEED = 2**32 - 1
MIN_TIMEOUT, MAX_TIMEOUT = 0.1, 600.0
MIN_MEMORY, DEFAULT_MEMORY = 128 << 20, 1 << 30
FALLBACK_MACHINE_MEMORY = 1 << 40  # where the platform cannot say how much it has
JOBS_PER_CORE = 4
MAX_SEEDS = 1000

_WHOLE = re.compile(r"[0-9]{1,20}", re.ASCII)
_DECIMAL = re.compile(r"(?:[0-9]{1,20}(?:\.[0-9]{0,20})?|\.[0-9]{1,20})", re.ASCII)
_SIZE = re.compile(r"\s*([0-9]{1,20}(?:\.[0-9]{1,20})?)\s*([kmgt]?)i?b?\s*", re.ASCII)
_SCALE = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}


def shown(text: str) -> str:
    """The value as typed, quoted and escaped (control characters, lone surrogates), cut short:
    the one line of an error stays one short line whatever was typed."""
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _whole(text: str, option: str, low: int, high: int, fix: str) -> int:
    if not _WHOLE.fullmatch(text) or not low <= int(text) <= high:
        raise UsageError(_("{option} {value}: expected a whole number from {low} to {high}; "
                           "{fix}", option=option, value=shown(text), low=low, high=high,
                           fix=fix))
    return int(text)


def _decimal(text: str, option: str, low: float, high: float, fix: str) -> float:
    if not _DECIMAL.fullmatch(text) or not low <= float(text) <= high:
        raise UsageError(_("{option} {value}: expected a number from {low:g} to {high:g}; "
                           "{fix}", option=option, value=shown(text), low=low, high=high,
                           fix=fix))
    return float(text)


def parse_seed(text: str) -> int:
    """``--seed``: the seed of the hidden randomised tests, as a check prints it."""
    return _whole(str(text), "--seed", 0, MAX_SEED,
                  _("give the seed a check printed, or leave --seed out for a fresh one"))


def parse_timeout(text: str) -> float:
    """``--timeout``: seconds per call and for the import."""
    return _decimal(str(text), "--timeout", MIN_TIMEOUT, MAX_TIMEOUT,
                    _("give seconds such as 10 or 2.5, or leave --timeout out for the "
                      "exercise's own"))


def parse_seeds(text: str) -> int:
    """``validate --seeds``: fresh seeds each reference must pass under."""
    return _whole(str(text), "--seeds", 1, MAX_SEEDS, _("20 is plenty for a pack's review"))


def parse_threshold(text: str) -> float:
    """``grade --similar-threshold``: how alike a pair of submissions must be to be reported."""
    return _decimal(str(text), "--similar-threshold", 0.5, 1.0,
                    _("0.95 reports near-copies, 1 only identical code"))


def cores() -> int:
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else (os.cpu_count() or 1)


def parse_jobs(text: str) -> int:
    """``grade --jobs``: checks run in parallel; more than a few per core only queue."""
    return _whole(str(text), "--jobs", 1, JOBS_PER_CORE * cores(),
                  _("this machine has {cores} cores; leave --jobs out for one check per core",
                    cores=cores()))


def machine_memory() -> int:
    """Physical memory, in bytes."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # no sysconf, or no such name here
        return FALLBACK_MACHINE_MEMORY


def size_text(size: int) -> str:
    """``size`` bytes as --memory takes it, rounded down: 1.5G, 512M."""
    if size >= 1 << 30:
        return f"{(size * 10 >> 30) / 10:g}G"
    return f"{size >> 20}M"


def default_memory() -> int:
    """The memory cap when --memory is left out: 1G, or the machine's memory where it has less."""
    return min(DEFAULT_MEMORY, machine_memory())


def parse_memory(text: str) -> int:
    """``--memory``: ``512M``, ``2G``, ``1.5g``, ``800MiB`` → bytes, from what Python with NumPy
    needs to the machine's memory."""
    machine = machine_memory()
    match = _SIZE.fullmatch(str(text).lower())
    if not match:
        raise UsageError(_("--memory {text}: expected a size such as 512M or 2G",
                           text=shown(text)))
    size = int(float(match.group(1)) * _SCALE[match.group(2)])
    if size < MIN_MEMORY:
        raise UsageError(_("--memory {text}: at least {minimum} is needed to run Python with "
                           "NumPy", text=shown(text), minimum=size_text(MIN_MEMORY)))
    if size > machine:
        raise UsageError(_("--memory {text}: more than this machine's memory ({machine}); give "
                           "at most {machine}", text=shown(text), machine=size_text(machine)))
    return size
