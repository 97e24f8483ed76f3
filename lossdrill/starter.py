"""Starter files: the exercise's functions as stubs, under a `# lossdrill: exN` header."""

from __future__ import annotations

import os
from pathlib import Path

from lossdrill.errors import UsageError
from lossdrill.spec import Exercise


def starter_source(ex: Exercise) -> str:
    lines = [
        f"# lossdrill: {ex.id}",
        f'"""{ex.title} — implement the functions below, then run `lossdrill check` on this '
        'file.',
        "",
        f"`lossdrill show {ex.id}` shows the statement; `lossdrill hint {ex.id}` gives a hint.",
        '"""',
        "import numpy as np",
        "",
    ]
    for fn in (f for f in ex.functions if not f.given):
        signature = fn.signature.replace("-> ndarray", "-> np.ndarray")
        lines += ["", f"def {signature}:"]
        if fn.summary:
            lines.append(f'    """{fn.summary}"""')
        lines += ["    raise NotImplementedError", ""]
    return "\n".join(lines)


def write_starter(ex: Exercise, path: Path | None, *, force: bool) -> Path:
    target = Path(path) if path is not None else Path(f"{ex.id}.py")
    if target.is_dir():
        target = target / f"{ex.id}.py"
    if target.exists() and not force:
        raise UsageError(f"{target}: already exists; pass --force to overwrite it, or give "
                         "another path")
    if not target.parent.is_dir():
        raise UsageError(f"{target.parent}: no such folder; create it or choose another path")
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(starter_source(ex), encoding="utf-8")
    os.replace(tmp, target)
    return target
