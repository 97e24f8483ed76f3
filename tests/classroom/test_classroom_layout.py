"""Who submitted what: the layouts classes produce, the roster, seeds. Pure
functions over small folders; nothing is graded here."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from lossdrill.classroom.layout import discover
from lossdrill.classroom.plan import Plan, apply_roster, merge_students, resolver
from lossdrill.classroom.roster import read_roster
from lossdrill.classroom.seeds import check_secret, course_secret, student_seed
from lossdrill.errors import UsageError
from lossdrill.spec.catalog import Catalog, find_pack

REPO = Path(__file__).resolve().parents[2]
NAMES = resolver(Catalog(find_pack(REPO)))
MSE = "import numpy as np\n\ndef mse(a, b):\n    return float(np.mean((b - a) ** 2))\n"


def write(path: Path, text: str = MSE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def files_of(found, student: str) -> dict[str, str]:
    match = next(s for s in found.students if s.id == student)
    return {ex: p.name for ex, p in match.files.items()}


def test_folder_per_student_with_ids_slugs_and_nested_files(tmp_path: Path) -> None:
    write(tmp_path / "alice" / "ex1.py")
    write(tmp_path / "alice" / "src" / "hinge.py")
    write(tmp_path / "alice" / "ex2_bce.py")
    write(tmp_path / "bob" / "my_answer.py", "# lossdrill: ex3\n" + MSE)
    write(tmp_path / "bob" / "helpers.py")
    write(tmp_path / "bob" / "__pycache__" / "ex1.py")
    found = discover(tmp_path, NAMES.get)
    assert found.layout == "folders"
    assert files_of(found, "alice") == {"ex1": "ex1.py", "ex3": "hinge.py", "ex2": "ex2_bce.py"}
    assert files_of(found, "bob") == {"ex3": "my_answer.py"}
    assert [p.name for p in found.unmatched] == ["helpers.py"]


def test_flat_files_and_canvas_names(tmp_path: Path) -> None:
    write(tmp_path / "alice_ex3.py")
    write(tmp_path / "alice_smith_ex3_hinge.py")
    write(tmp_path / "bob_mse.py")
    write(tmp_path / "smithjane_12345_67890_ex1.py")
    write(tmp_path / "smithjane_LATE_12345_67999_ex2-1.py")
    write(tmp_path / "smithjane_12345_67001_ex2.py")
    write(tmp_path / "readme.py")
    found = discover(tmp_path, NAMES.get)
    assert found.layout == "flat files"
    assert files_of(found, "alice") == {"ex3": "alice_ex3.py"}
    assert files_of(found, "alice_smith") == {"ex3": "alice_smith_ex3_hinge.py"}
    assert files_of(found, "bob") == {"ex1": "bob_mse.py"}
    jane = next(s for s in found.students if s.id == "smithjane")
    assert "12345" in jane.aliases
    # The resubmission (ex2-1) wins over the first upload; the other is reported.
    assert files_of(found, "smithjane") == {"ex1": "smithjane_12345_67890_ex1.py",
                                            "ex2": "smithjane_LATE_12345_67999_ex2-1.py"}
    assert len(jane.ignored) == 1 and "67001" in jane.ignored[0]
    assert [p.name for p in found.unmatched] == ["readme.py"]


def test_gradescope_export_with_metadata_and_groups(tmp_path: Path) -> None:
    (tmp_path / "submission_metadata.yml").write_text("""\
submission_101:
  :submitters:
  - :name: Ada Lovelace
    :sid: '1001'
    :email: ada@uni.edu
  :created_at: 2024-03-01 10:00:00.000000000 -08:00
  :score: 0.0
submission_102:
  :submitters:
  - :name: Bo Chen
    :sid: '1002'
    :email: bo@uni.edu
  - :name: Cy Diaz
    :sid: ''
    :email: cy@uni.edu
""")
    write(tmp_path / "submission_101" / "ex1.py")
    write(tmp_path / "submission_102" / "code" / "mse.py")
    found = discover(tmp_path, NAMES.get)
    assert found.layout == "Gradescope export"
    ids = sorted(s.id for s in found.students)
    assert ids == ["1001", "1002", "cy@uni.edu"]  # a group: each submitter gets the work
    ada = next(s for s in found.students if s.id == "1001")
    assert ada.name == "Ada Lovelace" and "ada@uni.edu" in ada.aliases
    assert all(s.files for s in found.students)


def test_moodle_folders_give_the_participant_id(tmp_path: Path) -> None:
    write(tmp_path / "Jane Doe_4242_assignsubmission_file_" / "ex1.py")
    found = discover(tmp_path, NAMES.get)
    (student,) = found.students
    assert (student.id, student.name) == ("4242", "Jane Doe")


def test_symbolic_links_are_never_followed(tmp_path: Path) -> None:
    """A link named for an exercise is that student's file (grading tells them it is a link);
    what it points at is never read, not even for a header; a link to a folder is skipped."""
    target = write(tmp_path / "elsewhere" / "ex1.py", "# lossdrill: ex2\n" + MSE)
    subs = tmp_path / "subs"
    write(subs / "alice" / "ex1.py")
    (subs / "mallory").mkdir()
    os.symlink(target, subs / "mallory" / "ex1.py")
    os.symlink(target, subs / "mallory" / "notes.py")  # only the target's header names ex2
    os.symlink(target.parent, subs / "eve")
    found = discover(subs, NAMES.get)
    assert sorted(s.id for s in found.students) == ["alice", "mallory"]
    mallory = next(s for s in found.students if s.id == "mallory")
    assert mallory.files == {"ex1": subs / "mallory" / "ex1.py"}
    assert found.unmatched == [subs / "mallory" / "notes.py"]
    assert found.skipped == [subs / "eve"]


def test_a_regular_file_wins_over_a_special_one_for_the_same_exercise(tmp_path: Path) -> None:
    subs = tmp_path / "subs"
    real = write(subs / "alice" / "ex1.py")
    os.mkfifo(subs / "alice" / "ex1-2.py")  # "later" by its name, yet not a file
    os.symlink(real, subs / "alice" / "ex1-3.py")
    (student,) = discover(subs, NAMES.get).students
    assert student.files == {"ex1": real}
    assert len(student.ignored) == 2


def test_names_that_are_not_utf8_and_deep_folders_are_found(tmp_path: Path) -> None:
    subs = tmp_path / "subs"
    subs.mkdir()
    folder = os.fsdecode(os.fsencode(subs) + b"/caf\xe9")
    write(Path(folder) / "ex1.py")
    write(Path(os.fsdecode(os.fsencode(subs) + b"/\xff\xfe_ex1.py")))
    top = deep = str(subs / "dora")
    os.mkdir(deep)
    for _ in range(sys.getrecursionlimit() + 100):  # deeper than Python's recursion limit
        deep += "/d"
        os.mkdir(deep)
    Path(deep, "ex1.py").write_text(MSE)
    try:
        found = discover(subs, NAMES.get)
        assert {s.id: sorted(s.files) for s in found.students} == {
            "caf\udce9": ["ex1"], "\udcff\udcfe": ["ex1"], "dora": ["ex1"]}
    finally:  # removed bottom up: a recursive removal (pytest's, on Python < 3.12) would fail
        os.unlink(Path(deep, "ex1.py"))
        while len(deep) >= len(top):
            os.rmdir(deep)
            deep = os.path.dirname(deep)


def test_bad_gradescope_metadata_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "submission_metadata.yml").write_text("- [unclosed\n")
    with pytest.raises(UsageError, match="submission_metadata.yml: unreadable"):
        discover(tmp_path, NAMES.get)


def test_roster_matches_any_id_and_adds_zero_rows(tmp_path: Path) -> None:
    write(tmp_path / "subs" / "submission_1" / "ex1.py")
    (tmp_path / "subs" / "submission_metadata.yml").write_text(
        "submission_1:\n  :submitters:\n  - {':name': Ada, ':sid': '77', ':email': ada@u.edu}\n")
    roster = tmp_path / "roster.csv"
    roster.write_text("\ufeffEmail,First Name,Last Name\nada@u.edu,Ada,Lovelace\nbo@u.edu,Bo,"
                      "Chen\n")
    found = discover(tmp_path / "subs", NAMES.get)
    plan = Plan([], merge_students(found.students), found)
    apply_roster(plan, read_roster(roster))
    by_id = {s.id: s for s in plan.students}
    assert set(by_id) == {"ada@u.edu", "bo@u.edu"}
    assert by_id["ada@u.edu"].files and by_id["ada@u.edu"].name == "Ada Lovelace"
    assert not by_id["bo@u.edu"].files and plan.not_on_roster == []


@pytest.mark.parametrize(("text", "message"), [
    ("", "the roster is empty"),
    ("name,grade\nAda,1\n", ":1: no id column"),
    ("id,name\nada,Ada\n,Nobody\n", ":3: no student id"),
    ("id\nada\nADA\n", ":3: student 'ADA' is listed twice"),
])
def test_bad_rosters_name_the_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(text)
    with pytest.raises(UsageError, match=message):
        read_roster(path)


def test_a_roster_that_is_not_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(b"id,name\n\xff\xfe\x00bad\n")
    with pytest.raises(UsageError, match="save it as UTF-8 CSV"):
        read_roster(path)


def test_seeds_differ_between_students_and_exercises_and_repeat() -> None:
    seeds = {student_seed("secret-1234", s, e) for s in ("a", "b", "c") for e in ("ex1", "ex2")}
    assert len(seeds) == 6
    assert student_seed("secret-1234", "a", "ex1") == student_seed("secret-1234", "a", "ex1")
    assert student_seed("secret-1234", "a", "ex1") != student_seed("secret-5678", "a", "ex1")
    assert all(0 <= s < 2**31 for s in seeds)


def test_course_secret_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOSSDRILL_SECRET", raising=False)
    assert course_secret("flag-secret-1", tmp_path)[1] == "--secret"
    secret, source = course_secret(None, tmp_path)
    assert source == "new" and len(secret) >= 16
    (tmp_path / "secret.txt").write_text("kept-secret-99\n")
    assert course_secret(None, tmp_path) == ("kept-secret-99", str(tmp_path / "secret.txt"))
    monkeypatch.setenv("LOSSDRILL_SECRET", "from-the-env-1")
    assert course_secret(None, tmp_path) == ("from-the-env-1", "LOSSDRILL_SECRET")
    monkeypatch.setenv("LOSSDRILL_SECRET", "x")
    with pytest.raises(UsageError, match="LOSSDRILL_SECRET: the course secret"):
        course_secret(None, tmp_path)
    with pytest.raises(UsageError, match="--secret"):
        check_secret("   ", "--secret")


# --- Which file is graded, Canvas's late names, one id from two folders ---------------------

def _touch(path: Path, mtime: float) -> Path:
    os.utime(path, (mtime, mtime))
    return path


def test_the_file_graded_follows_the_rule_not_modification_times(tmp_path: Path) -> None:
    """Header, then exact name, then the latest resubmission, then the place: whichever
    file was written last."""
    subs = tmp_path / "subs"
    header = write(subs / "alice" / "answer.py", "# lossdrill: ex1\n" + MSE)
    write(subs / "alice" / "ex1.py")
    exact = write(subs / "bob" / "ex1.py")
    write(subs / "bob" / "EX1.py")
    later = write(subs / "cy" / "ex1-2.py")
    write(subs / "cy" / "ex1-1.py")
    write(subs / "cy" / "ex1.py")
    top = write(subs / "dee" / "ex1.py")
    write(subs / "dee" / "old" / "ex1.py")
    first = write(subs / "eve" / "a" / "ex1.py")
    write(subs / "eve" / "b" / "ex1.py")
    expected = {"alice": header, "bob": exact, "cy": later, "dee": top, "eve": first}
    for times in (1, -1):  # the chosen file oldest, then newest: the same choice
        for path in subs.rglob("*.py"):
            chosen = path in expected.values()
            _touch(path, 1_700_000_000 + times * (-1000 if chosen else 1000))
        found = discover(subs, NAMES.get)
        assert {s.id: s.files["ex1"] for s in found.students} == expected
    alice = next(s for s in found.students if s.id == "alice")
    assert alice.ignored == [f"{subs / 'alice' / 'ex1.py'} (another file for ex1; graded "
                             "answer.py: its first line names ex1)"]
    cy = next(s for s in found.students if s.id == "cy")
    assert len(cy.ignored) == 2 and all("a later resubmission" in i for i in cy.ignored)
    bob = next(s for s in found.students if s.id == "bob")
    assert bob.ignored[0].endswith("its name is exactly ex1's)")


def test_canvas_late_names_in_every_position_canvas_uses(tmp_path: Path) -> None:
    write(tmp_path / "smithjane_LATE_12345_67890_ex1.py")
    write(tmp_path / "doejohn_late_23456_67891_ex2_bce.py")  # older downloads: lower case
    write(tmp_path / "LATE_anon_x1y2z_67892_ex1.py")  # anonymous grading: LATE comes first
    write(tmp_path / "anon_q7r8s_67893_ex1.py")
    write(tmp_path / "van_der_berg_LATE_34567_67894_mse.py")  # a name holding underscores
    write(tmp_path / "van_der_berg_34567_67895_ex2.py")
    found = discover(tmp_path, NAMES.get)
    students = {s.id: ({ex: p.name for ex, p in s.files.items()}, s.aliases)
                for s in found.students}
    assert students == {
        "smithjane": ({"ex1": "smithjane_LATE_12345_67890_ex1.py"}, {"12345"}),
        "doejohn": ({"ex2": "doejohn_late_23456_67891_ex2_bce.py"}, {"23456"}),
        "anon_x1y2z": ({"ex1": "LATE_anon_x1y2z_67892_ex1.py"}, set()),
        "anon_q7r8s": ({"ex1": "anon_q7r8s_67893_ex1.py"}, set()),
        "van_der_berg": ({"ex1": "van_der_berg_LATE_34567_67894_mse.py",
                          "ex2": "van_der_berg_34567_67895_ex2.py"}, {"34567"}),
    }
    assert found.unmatched == []


def test_a_later_canvas_upload_wins(tmp_path: Path) -> None:
    old = write(tmp_path / "smithjane_12345_500_ex1.py")
    new = write(tmp_path / "smithjane_LATE_12345_900_ex1.py")
    _touch(new, 1_600_000_000)
    _touch(old, 1_700_000_000)
    (jane,) = discover(tmp_path, NAMES.get).students
    assert jane.files == {"ex1": new}
    assert jane.ignored[0].endswith("a later resubmission)")


def test_two_folders_with_one_id_are_merged_and_reported(tmp_path: Path) -> None:
    write(tmp_path / "Jane Doe_4242_assignsubmission_file_" / "ex1.py")
    write(tmp_path / "Jane Smith_4242_assignsubmission_file_" / "ex2.py")
    write(tmp_path / "alice" / "ex1.py")
    write(tmp_path / "alice_ex2.py")  # the same student's flat file: one name, not reported
    from lossdrill.classroom.plan import merged_folders

    students = merge_students(discover(tmp_path, NAMES.get).students)
    jane = next(s for s in students if s.id == "4242")
    assert set(jane.files) == {"ex1", "ex2"}
    assert merged_folders(students) == [
        "4242: 'Jane Doe_4242_assignsubmission_file_', 'Jane Smith_4242_assignsubmission_file_'"]
