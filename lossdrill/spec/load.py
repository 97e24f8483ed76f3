"""Read one exercise spec file: from the cache when this very text was validated before, else
parsed and validated (parse.py, where YAML and pydantic are imported) and cached."""

from __future__ import annotations

from pathlib import Path

from lossdrill.errors import SpecError
from lossdrill.i18n import _
from lossdrill.spec import cache
from lossdrill.spec.model import Exercise


def load_exercise(path: Path, solutions_dir: Path | None = None) -> Exercise:
    """The exercise of the spec at ``path``; its reference is ``solutions/<same stem>.py``
    (``solutions_dir``, else the ``solutions`` folder beside the spec's folder)."""
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise SpecError(_("{path}: cannot read the spec ({reason})", path=path,
                          reason=exc.strerror)) from None
    solutions = solutions_dir if solutions_dir is not None else path.parent.parent / "solutions"
    solution_path = solutions / f"{path.stem}.py"
    key = cache.key(text, path, solution_path)
    exercise = cache.get(key)
    if exercise is None:
        from lossdrill.spec.parse import parse_exercise

        exercise = parse_exercise(text, path, solution_path)
        cache.put(key, exercise)
    return exercise
