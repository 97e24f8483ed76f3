"""The roster as spreadsheets save it (comma, semicolon or tab; a BOM; CRLF; UTF-16), and
whatever else `--roster` is given: a pipe, a device, a folder, a huge file, a password file,
a binary. Each bad one is one line and exit 2, never blocks, never quotes the file."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from cli_inprocess import run_main

from lossdrill.classroom.roster import MAX_BYTES, Entry, read_roster
from lossdrill.errors import UsageError

REPO = Path(__file__).resolve().parents[2]
SECRET = "Zq7SECRETxK2"  # must never appear in a message


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("text", [
    "id,name\nada,Ada Lovelace\nbo,Bo Chen\n",
    "id;name\nada;Ada Lovelace\nbo;Bo Chen\n",
    "id\tname\nada\tAda Lovelace\nbo\tBo Chen\n",
    "\ufeffid;name\r\nada;Ada Lovelace\r\nbo;Bo Chen\r\n",
    "\ufeffid\tname\r\nada\tAda Lovelace\r\nbo\tBo Chen",
    "\n\nid , name \n\nada , Ada Lovelace\n bo,Bo Chen\n\n",  # blank lines and spaces
    'id;name;note\nada;Ada Lovelace;"a, b"\nbo;Bo Chen;"x; y"\n',  # the others, quoted
    'id,name,note\nada,Ada Lovelace,"a; b"\nbo,Bo Chen,"x\ty"\n',
    "Student ID;Full Name;Email\nada;Ada Lovelace;a@u.edu\nbo;Bo Chen;b@u.edu\n",
], ids=["comma", "semicolon", "tab", "bom-crlf-semicolon", "bom-crlf-tab", "blank-lines",
        "semicolon-quoted", "comma-quoted", "semicolon-more-columns"])
def test_delimiters_bom_and_line_ends(tmp_path: Path, text: str) -> None:
    roster = read_roster(write(tmp_path / "roster.csv", text))
    assert roster == [Entry("ada", "Ada Lovelace"), Entry("bo", "Bo Chen")]


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path: Path) -> None:
    path = write(tmp_path / "roster.txt", "login\tfirst name\tlast name\r\nada\tAda\tLovelace\r\n"
                 .encode("utf-16"))
    assert read_roster(path) == [Entry("ada", "Ada Lovelace")]


def test_one_column_and_a_header_only(tmp_path: Path) -> None:
    assert read_roster(write(tmp_path / "a.csv", "email\na@u.edu\nb@u.edu\n")) == [
        Entry("a@u.edu", ""), Entry("b@u.edu", "")]
    assert read_roster(write(tmp_path / "b.csv", "id;name\r\n")) == []


def test_line_numbers_count_quoted_line_breaks(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", 'id;note\nada;"two\nlines"\n;nobody\n')
    with pytest.raises(UsageError, match=r"r\.csv:4: no student id in column 'id'"):
        read_roster(path)


def refused(path: Path) -> str:
    with pytest.raises(UsageError) as caught:
        read_roster(path)
    message = str(caught.value)
    assert "\n" not in message and SECRET not in message, message
    return message


@pytest.mark.parametrize("data", [
    f"root:$6${SECRET}$abc:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n",
    f"api_key,{SECRET}\nAKIA0000,hunter2\n",
    f"-----BEGIN OPENSSH PRIVATE KEY-----\n{SECRET}\n-----END OPENSSH PRIVATE KEY-----\n",
    f"{SECRET};{SECRET}\tx\n1;2\t3\n",
], ids=["shadow", "csv-of-keys", "private-key", "mixed"])
def test_a_file_that_is_not_a_roster_is_not_quoted(tmp_path: Path, data: str) -> None:
    assert "no id column" in refused(write(tmp_path / "notes", data))


def test_a_binary_file_is_not_quoted(tmp_path: Path) -> None:
    data = os.urandom(300) + SECRET.encode() + b"\x00\xff" + os.urandom(300)
    assert "save it as UTF-8 CSV" in refused(write(tmp_path / "blob", data))
    # Text with a NUL in it is not a roster either (and not shown).
    assert "not UTF-8 text" in refused(write(tmp_path / "nul.csv", f"id\n{SECRET}\x00\n"))


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    fifo = tmp_path / "roster.csv"
    os.mkfifo(fifo)
    outcome: list[str] = []
    reader = threading.Thread(target=lambda: outcome.append(refused(fifo)), daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "read_roster blocked on a FIFO with no writer"
    assert outcome and "not a regular file" in outcome[0]


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused(special: str) -> None:
    if not Path(special).exists():
        pytest.skip(f"no {special} here")
    assert "not a regular file" in refused(Path(special))


def test_a_folder_and_a_missing_file(tmp_path: Path) -> None:
    assert "not a regular file" in refused(tmp_path)
    assert "no such roster file" in refused(tmp_path / "missing.csv")


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as handle:  # sparse: 5 GB that take no room
        handle.write(b"id\n")
        handle.truncate(5 << 30)
    assert "too large for a roster" in refused(huge)
    just_over = write(tmp_path / "over.csv", "id\n" + "x\n" * ((MAX_BYTES - 1) // 2))
    assert "too large for a roster" in refused(just_over)


def test_messages_escape_what_they_quote(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "id\n\x1b[2Jada\n\x1b[2JADA\n")
    message = refused(path)
    assert "\x1b" not in message and "\\x1b[2JADA" in message and "listed twice" in message


def test_grade_with_a_bad_roster_is_one_line_and_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    subs = tmp_path / "subs" / "ada"
    subs.mkdir(parents=True)
    shutil.copy(REPO / "tests" / "learners" / "ex1" / "mse_vectorised.py", subs / "ex1.py")
    write(tmp_path / "shadow", f"root:$6${SECRET}:19000:0:99999:7:::\n")
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    for roster in ("shadow", "/dev/zero", "missing.csv"):
        result = run_main(monkeypatch, capsys, "grade", "subs", "--roster", roster, "--out", "out")
        code, out, err = result
        assert code == 2 and out == "" and len(err.splitlines()) == 1, result
        assert err.startswith("lossdrill: error: ") and SECRET not in err
    assert sorted(tmp_path.rglob("*")) == before

