"""Jupyter notebooks and other gathered sources as one Python file the grader can check, with
a map from its lines back to where they came from (a notebook's cell, a script's line, an
IPython input), so what the learner reads points at their own cell.

Only code cells are kept. IPython syntax has no meaning in a plain Python process: cell magics
(`%%time`) drop their whole cell; line magics (`%matplotlib inline`), shell lines (`!pip
install …`) and help lines (`np.mean?`) become `pass`, which keeps an indented block valid.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lossdrill import escape
from lossdrill.errors import UsageError
from lossdrill.grading.results import CheckResult
from lossdrill.i18n import _
from lossdrill.safefile import read_bytes, shown

_MAGIC = re.compile(r"^(\s*)(?:[%!]|[\w.]+\s*=\s*[%!])")
_HELP = re.compile(r"^(\s*)(?:\?+[\w.]+|[\w.]+\?+)\s*$")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Segment:
    """Lines [start, start + count) of the gathered file come from ``origin`` lines from
    ``first``; ``where`` formats a location (``cell 3, line {line}``)."""

    start: int
    count: int
    first: int
    where: str  # with a {line} placeholder
    file: str = ""  # shown in `File "…"` traceback lines; "" for IPython inputs


@dataclass
class Gathered:
    source: str = ""
    segments: list[Segment] = field(default_factory=list)
    # Cells the exercise does not need (cells.py), left out: (number, the modules it imports).
    left_out: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    functions: tuple[str, ...] = ()  # the exercise's, that decided which cells are needed

    def add(self, text: str, first: int, where: str, file: str = "") -> None:
        """Append ``text`` (ending in a newline) whose first line is ``first`` at its origin."""
        if not text.strip():
            return
        text = text if text.endswith("\n") else text + "\n"
        start = self.source.count("\n") + 1
        self.segments.append(Segment(start, text.count("\n"), first, where, file))
        self.source += text + "\n"

    def locate(self, line: int) -> Segment | None:
        return next((s for s in self.segments if s.start <= line < s.start + s.count), None)

    def relabel(self, result: CheckResult, path: Path, shown: str) -> None:
        """Rewrite the gathered file's locations in a result into the learner's own."""
        result.file = shown
        for test in result.tests:
            test.message = self.relabel_text(test.message, path)
            test.details = {k: self.relabel_text(v, path) for k, v in test.details.items()}
        result.diagnoses = [type(d)(d.id, self.relabel_text(d.message, path))
                            for d in result.diagnoses]
        result.learner_output = self.relabel_text(result.learner_output, path)
        result.notes += self.notes()

    def notes(self) -> list[str]:
        """What the report says of the cells left out, a line each."""
        functions = ", ".join(self.functions)
        return [_("cell {cell} not graded: nothing it defines is used by {functions} (it "
                  "imports {modules})", cell=number, functions=functions,
                  modules=", ".join(modules))
                if modules else
                _("cell {cell} not graded: nothing it defines is used by {functions}",
                  cell=number, functions=functions)
                for number, modules in self.left_out]

    def relabel_text(self, text: str, path: Path) -> str:
        name = re.escape(str(path))

        def traceback_line(match: re.Match[str]) -> str:
            seg, line = self._origin(int(match.group(1)))
            if seg is None:
                return match.group(0)
            where = seg.where.format(line=line)
            return f'File "{seg.file}", {where}' if seg.file else where[0].upper() + where[1:]

        def short(match: re.Match[str]) -> str:
            seg, line = self._origin(int(match.group(1)))
            return f"({seg.where.format(line=line)})" if seg else match.group(0)

        def warning(match: re.Match[str]) -> str:
            seg, line = self._origin(int(match.group(1)))
            return f"{seg.file or 'input'}, {seg.where.format(line=line)}:" if seg else \
                match.group(0)

        text = re.sub(rf'File "{name}", line (\d+)', traceback_line, text)
        text = re.sub(rf"{name}:(\d+):", warning, text)
        text = re.sub(r"\(line (\d+)\)", short, text)  # a syntax error's own message
        return text.replace(str(path), "your code")

    def _origin(self, line: int) -> tuple[Segment | None, int]:
        seg = self.locate(line)
        return (seg, seg.first + line - seg.start) if seg else (None, line)


def clean_cell(source: str) -> str:
    """A code cell's text with IPython-only syntax replaced (see the module's docstring)."""
    if source.lstrip().startswith("%%"):
        return ""
    lines = source.split("\n")
    quotes = 0  # triple quotes seen so far: odd means inside a string, where % is text
    for i, line in enumerate(lines):
        if quotes % 2 == 0:
            match = _MAGIC.match(line) or _HELP.match(line)
            if match:
                lines[i] = f"{match.group(1)}pass  # lossdrill: IPython-only line skipped"
                continue
        quotes += line.count('"""') + line.count("'''")
    return "\n".join(lines)


def read_notebook(path: Path) -> list[tuple[int, str]]:
    """(cell number counting every cell from 1, source) of each code cell. A notebook is
    read as safefile reads a learner's file (no pipe, device or giant followed); its JSON
    may nest as deep as it likes, and hold escapes of lone surrogates, without crashing."""
    raw = read_bytes(path, follow=True)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(_("{file}: not UTF-8 text (byte 0x{byte:02x} at offset {offset}); "
                           "save the notebook from Jupyter again", file=shown(path),
                           byte=raw[exc.start], offset=exc.start)) from None
    try:
        doc: Any = json.loads(text)
    except RecursionError:
        raise UsageError(_("{file}: not a Jupyter notebook (its JSON nests too deep); save "
                           "it from Jupyter again", file=shown(path))) from None
    except ValueError as exc:
        where = _(" at line {line}", line=exc.lineno) if hasattr(exc, "lineno") else ""
        raise UsageError(_("{file}: not a Jupyter notebook (invalid JSON{where}); save it "
                           "from Jupyter again, or check a .py file", file=shown(path),
                           where=where)) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("cells"), list):
        version = doc.get("nbformat") if isinstance(doc, dict) else None
        fix = (_("save it with a current Jupyter (nbformat 4)")
               if isinstance(version, int) and version < 4 else _("save it from Jupyter again"))
        raise UsageError(_("{file}: not a Jupyter notebook (no 'cells' list); {fix}",
                           file=shown(path), fix=fix))
    cells = []
    for number, cell in enumerate(doc["cells"], start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(part, str) for part in source):
            source = "".join(source)
        if not isinstance(source, str):
            raise UsageError(_("{file}: cells[{index}].source: expected text; save the "
                               "notebook from Jupyter again", file=shown(path),
                               index=number - 1))
        lone = _SURROGATE.search(source)
        if lone:  # JSON can escape one; no text file can hold it
            raise UsageError(_("{file}: cells[{index}].source holds {char}, half of a "
                               "character (a lone surrogate), which is not text; delete it "
                               "and save the notebook again", file=shown(path),
                               index=number - 1, char=escape.visible(lone.group())))
        cells.append((number, source))
    return cells


def gather_notebook(path: Path, functions: tuple[str, ...] = ()) -> Gathered:
    """The notebook's code cells as one file; with ``functions``, those an exercise defining
    them needs alone (cells.py), the others listed in ``left_out``."""
    from lossdrill.service.cells import names_of, needed

    cells = [(number, clean_cell(source)) for number, source in read_notebook(path)]
    keep = needed([source for _, source in cells], functions) if functions else None
    gathered = Gathered(functions=functions)
    for i, (number, source) in enumerate(cells):
        if keep is None or keep[i]:
            gathered.add(source, 1, f"cell {number}, line {{line}}", str(path))
        elif source.strip():
            found = names_of(source)
            gathered.left_out.append((number, found.imports if found else ()))
    return gathered
