"""Starter files: the exercise's functions as stubs, under a `# lossdrill: exN` header."""

from __future__ import annotations

import os
from pathlib import Path

from lossdrill.errors import UsageError
from lossdrill.i18n import _, language
from lossdrill.spec.model import Exercise


def starter_source(ex: Exercise) -> str:
    lang = language()
    lines = [
        f"# lossdrill: {ex.id}",
        '"""' + _("{title} — implement the functions below, then run `lossdrill check` on this "
                  "file.", title=ex.text("title", lang)),
        "",
        _("`lossdrill show {id}` shows the statement; `lossdrill hint {id}` gives a hint.",
          id=ex.id),
        '"""',
        "import numpy as np",
        "",
    ]
    for i, fn in enumerate(ex.functions):
        if fn.given:
            continue
        signature = fn.signature.replace("-> ndarray", "-> np.ndarray")
        lines += ["", f"def {signature}:"]
        if fn.summary:
            lines.append(f'    """{ex.text(f"functions[{i}].summary", lang)}"""')
        lines += ["    raise NotImplementedError", ""]
    return "\n".join(lines)


def write_starter(ex: Exercise, path: Path | None, *, force: bool) -> Path:
    target = Path(path) if path is not None else Path(f"{ex.id}.py")
    if target.is_dir():
        target = target / f"{ex.id}.py"
    if target.exists() and not force:
        raise UsageError(_("{target}: already exists; pass --force to overwrite it, or give "
                           "another path", target=target))
    if not target.parent.is_dir():
        raise UsageError(_("{folder}: no such folder; create it or choose another path",
                           folder=target.parent))
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(starter_source(ex), encoding="utf-8")
    os.replace(tmp, target)
    return target
