"""Classroom work: grading a class, releasing student packs, exporting grades."""
