"""The instructor's commands (grade, release, export), registered on the main app."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the classroom commands to ``app``."""
