"""Learner-controlled text made inert: each format's function, on the characters that harm."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from github_runner import runner_commands

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


def test_line_and_paragraph_separators_are_shown() -> None:
    assert escape.visible("a\u2028b\u2029c") == "a\\u2028b\\u2029c"


# -- GitHub: the runner reads workflow commands from every line a step writes ---------------


FORGED = ("::error::x", "  ::add-mask::x", "\t::warning file=a.py::x", "\u3000::error::x",
          "a\n::error::x", "a\r::error::x", "a\r\n  ::notice::x", "text ##[error]x",
          "##[set-output name=result]x", "::::", "x\n##[##[group]]")


@pytest.mark.parametrize("text", FORGED)
def test_command_free_leaves_no_workflow_command(text: str) -> None:
    assert runner_commands(text), text  # the simulator sees the forged command
    assert runner_commands(escape.command_free(text)) == []
    assert runner_commands(escape.github_log(text)) == []


def test_command_free_changes_only_what_starts_a_command() -> None:
    text = "\x1b[31mx[::2] a::b\n  ::error::x\n##[y]"
    assert escape.command_free(text) == "\x1b[31mx[::2] a::b\n  \\x3a:error::x\n##\\x5by]"
    assert escape.command_free("plain\ntext") == "plain\ntext"


def test_github_log_is_visible_and_command_free() -> None:
    shown = escape.github_log("\x1b[2J\ud800\n::error::x\r::warning::y")
    assert shown == "\\x1b[2J\\ud800\n\\x3a:error::x\\x0d::warning::y"
    assert runner_commands(shown) == []


def test_github_data_and_properties_follow_githubs_escaping() -> None:
    # The message of a command: %, \r and \n as %25, %0D and %0A (controls shown first).
    assert escape.github_data("50% done\nnext\r\x1b") == "50%25 done%0Anext\\x0d\\x1b"
    # A property also escapes what ends it: `,` and `:`.
    assert escape.github_property("a.py,line=1::error::x\n%") == (
        "a.py%2Cline=1%3A%3Aerror%3A%3Ax\\x0a%25")


@pytest.mark.parametrize("text", [HOSTILE, "50%0A\n::error::x", "%25%%2C,:\r\n"])
def test_a_command_lossdrill_writes_stays_one_command_with_its_text(text: str) -> None:
    line = f"::error file={escape.github_property(text)},title=t::{escape.github_data(text)}"
    assert runner_commands(line) == [line]
    head, _, data = line[2:].partition("::")
    properties = dict(p.split("=", 1) for p in head.removeprefix("error ").split(","))
    # What GitHub reads back, undoing its escapes: the text as `visible` shows it.
    assert _unescape(data, property=False) == escape.visible(text)
    assert _unescape(properties["file"], property=True) == escape.visible(text, one_line=True)


def _unescape(text: str, *, property: bool) -> str:
    codes = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if property else [])
    for code, char in [*codes, ("%25", "%")]:  # GitHub's order: %25 last
        text = text.replace(code, char)
    return text
