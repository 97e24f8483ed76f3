"""Learner-controlled text made inert: each format's function, on the characters that harm."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from lossdrill import escape

HOSTILE = "a\x1b[31mred\x07\r\x00\u202egnp.exe\ud800\udcff\x9b\ufffe"


def test_visible_shows_every_harmful_character_as_an_escape() -> None:
    shown = escape.visible(HOSTILE)
    assert shown == ("a\\x1b[31mred\\x07\\x0d\\x00\\u202egnp.exe\\ud800\\xff\\x9b\\ufffe")
    assert shown.isprintable()
    shown.encode("utf-8")  # no lone surrogate left


def test_visible_keeps_tabs_and_newlines_unless_one_line() -> None:
    assert escape.visible("a\tb\nc") == "a\tb\nc"
    assert escape.visible("a\tb\nc", one_line=True) == "a\\x09b\\x0ac"


def test_visible_leaves_ordinary_text_alone() -> None:
    text = "均方误差 ≥ 0 — naïve ✓ [bold]x[/bold] $(rm -rf) `code`"
    assert escape.visible(text) == text


def test_a_file_name_that_is_not_utf8_shows_its_bytes() -> None:
    name = b"caf\xe9.py".decode("utf-8", "surrogateescape")
    assert escape.visible(name) == "caf\\xe9.py"
    assert escape.utf8(name) == "caf\\xe9.py"


def test_utf8_escapes_only_what_cannot_be_encoded() -> None:
    text = "\x1b[1m\ud83d ok \U0001f600"
    cleaned = escape.utf8(text)
    assert cleaned == "\x1b[1m\\ud83d ok \U0001f600"
    json.loads(json.dumps(cleaned, ensure_ascii=False).encode("utf-8"))


@pytest.mark.parametrize("text", [HOSTILE, "".join(map(chr, range(0x20))), "\ud800" * 3])
def test_xml_text_always_parses_and_reads_back_escaped(text: str) -> None:
    element = ET.Element("failure", message=escape.xml(text))
    element.text = escape.xml(text)
    parsed = ET.fromstring(ET.tostring(element, encoding="unicode"))
    assert parsed.text == escape.xml(text)
    assert parsed.get("message") == escape.xml(text)


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1"])
def test_csv_cells_that_would_be_formulas_are_quoted(cell: str) -> None:
    quoted = escape.csv_cell(cell)
    assert not quoted.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert quoted.endswith(cell.lstrip("\t\r"))


def test_csv_cells_that_are_text_stay_as_they_are() -> None:
    assert escape.csv_cell("alice") == "alice"
    assert escape.csv_cell("a=b") == "a=b"


def test_deep_cleans_keys_and_values_at_every_level() -> None:
    doc = {"\ud800": ["x\udcff", {"k": ("\ud801", 3)}], "n": 1.5}
    cleaned = escape.deep(doc)
    assert cleaned == {"\\ud800": ["x\\xff", {"k": ["\\ud801", 3]}], "n": 1.5}
    json.dumps(cleaned, ensure_ascii=False).encode("utf-8")
