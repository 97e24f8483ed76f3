"""OUT/report.html, the class report page: written by every `grade`, one file that loads
nothing, its learner text inert; then opened in a real browser (headless Chromium over the
DevTools protocol, from a file:// URL) on a graded fixture class — every student and exercise
there, the histograms' bars and the heat map's cells holding the counts results.json gives,
the pairs' shared lines marked, the page's own script running under its Content-Security-
Policy and nothing else loading, a screenshot that is not blank, usable at phone width,
printable, and in Chinese with `--lang zh`."""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import subprocess
import sys
import weakref
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from cdp import Browser, find_chromium, png_colours

from lossdrill.classroom.layout import Student
from lossdrill.classroom.report import ClassReport
from lossdrill.escape import visible
from lossdrill.grading.results import CheckResult, Diagnosis
from lossdrill.grading.results import TestResult as Ran
from lossdrill.spec.catalog import Catalog, find_pack

REPO = Path(__file__).resolve().parents[2]
LEARNERS = REPO / "tests" / "learners"
CATALOG = Catalog(find_pack(REPO))
SECRET = "test-course-secret-0123"
# A folder name that is markup, an escape and a bidi override at once.
HOSTILE = "<img src=x onerror=alert(1)>\x1b[31m\u202eevil"
NOT_UTF8 = os.fsdecode(b"caf\xe9")
CHROMIUM = find_chromium()
needs_browser = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on this machine (`apt-get install chromium`; CI "
    "installs it): the page is checked in a real browser only where one is installed")


def lossdrill(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lossdrill", *args], capture_output=True,
                          text=True, timeout=300, check=False)


def _put(folder: Path, name: str, fixture: str, rename: dict[str, str] | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = (LEARNERS / fixture).read_text()
    for old, new in (rename or {}).items():
        text = text.replace(old, new)
    (folder / name).write_text(text)


def make_class(root: Path) -> tuple[Path, Path]:
    subs = root / "subs"
    _put(subs / "ann", "ex1.py", "ex1/mse_vectorised.py")
    _put(subs / "ann", "ex2.py", "ex2/bce_dot.py")
    _put(subs / "bob", "ex1.py", "ex1/mistake_sum-instead-of-mean.py")
    _put(subs / "bob", "ex2.py", "ex2/mistake_no-clipping.py")
    _put(subs / "cy", "ex1.py", "broken/syntax_error.py")
    _put(subs / "cy", "ex2.py", "ex2/mistake_no-clipping.py",  # bob's, names changed
         {"y_true": "labels", "p_pred": "probs"})
    _put(subs / "cy", "ex2-1.py", "ex2/bce_loops.py",  # a resubmission: graded over ex2.py
         {"# lossdrill: ex2": "# an answer"})
    _put(subs / HOSTILE, "ex1.py", "ex1/mistake_sum-instead-of-mean.py")
    _put(subs / NOT_UTF8, "ex1.py", "ex1/mse_pure.py")
    _put(subs / "Jane Doe_4242_assignsubmission_file_", "ex1.py", "ex1/mse_vectorised.py")
    _put(subs / "Jane Smith_4242_assignsubmission_file_", "ex2.py", "ex2/bce_loops.py")
    roster = root / "roster.csv"
    roster.write_text("id,name\nann,Ann Lee\nbob,Bob Ray\ncy,Cy Diaz\ndan,Dan Wu\n4242,Jane Doe\n")
    return subs, roster


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("report")
    subs, roster = make_class(root)
    out = root / "out"
    run = lossdrill("grade", str(subs), "--out", str(out), "--roster", str(roster),
                    "--exercises", "ex1,ex2", "--secret", SECRET, "--timeout", "5",
                    "--similar", "--similar-threshold", "0.5")
    assert run.returncode == 0, run.stderr
    doc = json.loads((out / "results.json").read_text())
    # The same class in Chinese: a copy of the folder, graded again (from its cache).
    shutil.copytree(out, root / "out-zh")
    zh = lossdrill("--lang", "zh", "grade", str(subs), "--out", str(root / "out-zh"),
                   "--roster", str(roster), "--exercises", "ex1,ex2", "--secret", SECRET,
                   "--timeout", "5", "--similar", "--similar-threshold", "0.5")
    assert zh.returncode == 0, zh.stderr
    return {"out": out, "doc": doc, "run": run, "zh": root / "out-zh" / "report.html"}


class Page(HTMLParser):
    """Every element's tag and attributes, the text, and the style and script bodies."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.bodies: dict[str, list[str]] = {"style": [], "script": []}
        self._in = ""
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        self._in = tag if tag in self.bodies else ""

    def handle_endtag(self, tag: str) -> None:
        self._in = ""

    def handle_data(self, data: str) -> None:
        if self._in:
            self.bodies[self._in].append(data)
        else:
            self.text.append(data)


def expected(doc: dict[str, Any]) -> dict[str, Any]:
    """What the page must show, computed from results.json, independently of the page."""
    bins: dict[str, list[int]] = {}
    passed: dict[str, list[int]] = {}
    ran: dict[str, int] = {}
    for ex in doc["exercises"]:
        ident, most = ex["id"], ex["max_score"]
        checks = [s["exercises"][ident] for s in doc["students"]]
        bins[ident] = [0] * 10
        for check in checks:
            bins[ident][min(9, int(check["score"] / most * 10))] += 1
        submitted = [c for c in checks if c["status"] != "missing"]
        ran[ident] = len(submitted)
        passed[ident] = [sum(c["tests"][i]["status"] == "passed" for c in submitted)
                         for i in range(len(CATALOG.get(ident).tests))]
    return {"students": {visible(s["id"]) for s in doc["students"]}, "bins": bins,
            "passed": passed, "ran": ran}


# --- The file itself -----------------------------------------------------------------------

def test_every_grade_writes_the_report(graded: dict[str, Any]) -> None:
    assert (graded["out"] / "report.html").is_file()
    assert "report.html" in graded["run"].stdout


def test_the_page_references_nothing_outside_itself(graded: dict[str, Any]) -> None:
    html = (graded["out"] / "report.html").read_text(encoding="utf-8")
    page = Page(html)
    tags = {tag for tag, _ in page.elements}
    assert not tags & {"img", "link", "iframe", "object", "embed", "audio", "video", "base",
                       "form", "frame", "source", "track", "image", "use"}
    for tag, attrs in page.elements:
        assert not set(attrs) & {"src", "srcset", "poster", "data", "action", "background",
                                 "xlink:href"}, tag
        if "href" in attrs:
            target = attrs["href"]
            assert target.startswith("#") or (target.startswith("feedback/") and (
                graded["out"] / target).is_file()), target
    style = "".join(page.bodies["style"])
    assert "url(" not in style and "@import" not in style
    (script,) = [attrs for tag, attrs in page.elements if tag == "script"]
    assert script == {}  # inline, never fetched
    policy = next(a["content"] for t, a in page.elements
                  if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy.split(
        "script-src")[1].split(";")[0]


def test_learner_text_is_inert_in_the_page(graded: dict[str, Any]) -> None:
    html = (graded["out"] / "report.html").read_text(encoding="utf-8")
    assert "<img" not in html and "\x1b" not in html and "\u202e" not in html
    shown = "".join(Page(html).text)
    assert visible(HOSTILE) in shown  # shown as written, escapes visible
    assert "caf\\xe9" in shown  # a name's byte that is not UTF-8, as an escape


def test_what_needs_a_look_is_on_the_page_and_in_the_summary(graded: dict[str, Any]) -> None:
    html = (graded["out"] / "report.html").read_text(encoding="utf-8")
    section = " ".join("".join(Page(html[html.index('<section id="look">'):]).text).split())
    summary = graded["run"].stdout
    for shown in (section, " ".join(summary.split())):
        assert "ex2-1.py (another file for ex2; graded ex2.py: its first line names ex2)" in shown
        assert ("4242: 'Jane Doe_4242_assignsubmission_file_', "
                "'Jane Smith_4242_assignsubmission_file_'") in shown
    assert "one student id from several folders (merged: check that they are one person): 1" \
        in section
    assert "the latest resubmission)" in section


def test_the_class_report_keeps_no_full_result() -> None:
    """Counted in a student at a time, it keeps numbers and ids, never a result."""
    ex = CATALOG.get("ex1")
    report = ClassReport([ex])
    tests = [Ran(t.name, t.kind, t.visibility, "passed", t.points, t.points)
             for t in ex.tests]
    result = CheckResult("ex1", "mse", ex.title, "ex1.py", "failed", 3.0, ex.max_score, 1,
                         tests, [Diagnosis("sum-instead-of-mean", "x" * 10_000)], "out", 0.1)
    ref = weakref.ref(result)
    report.add(Student("ann"), False, "ann.md", [result])
    del result, tests
    gc.collect()
    assert ref() is None
    assert report.passed["ex1"] == [1] * len(ex.tests)
    assert report.diagnoses["ex1"]["sum-instead-of-mean"].students == ["ann"]


# --- In a browser ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser() -> Any:
    assert CHROMIUM is not None
    opened = Browser(CHROMIUM)
    yield opened
    opened.close()


def _open(browser: Browser, path: Path, width: int = 1280, height: int = 900,
          mobile: bool = False) -> None:
    browser.open(path.resolve().as_uri(), width, height, mobile)


JS_ROWS = "[...document.querySelectorAll('tr.student')].map(r => r.dataset.student)"
JS_BARS = """Object.fromEntries([...document.querySelectorAll('svg.histogram')].map(svg =>
  [svg.dataset.exercise, [...svg.querySelectorAll('rect.bar')].map(r => +r.dataset.count)]))"""
JS_HEIGHTS = """[...document.querySelectorAll('svg.histogram rect.bar')]
  .map(r => [+r.dataset.count, r.getBBox().height])"""
JS_CELLS = """[...document.querySelectorAll('table.heat td.cell')].map(td => [td.dataset.exercise,
  +td.dataset.test, +td.dataset.passed, +td.dataset.ran, getComputedStyle(td).backgroundColor])"""


@needs_browser
def test_every_student_and_exercise_is_on_the_page(graded: dict[str, Any],
                                                   browser: Browser) -> None:
    want = expected(graded["doc"])
    _open(browser, graded["out"] / "report.html")
    assert set(browser.evaluate(JS_ROWS)) == want["students"]
    assert len(browser.evaluate(JS_ROWS)) == len(graded["doc"]["students"])
    cards = browser.evaluate("[...document.querySelectorAll('article.exercise')]"
                             ".map(a => a.dataset.exercise)")
    assert cards == ["ex1", "ex2"]
    # The hostile name is text, not an element; nothing it holds ran.
    assert browser.evaluate("document.images.length") == 0
    assert visible(HOSTILE) in browser.evaluate("document.body.innerText")


@needs_browser
def test_histograms_and_heat_map_hold_the_counts(graded: dict[str, Any],
                                                 browser: Browser) -> None:
    want = expected(graded["doc"])
    _open(browser, graded["out"] / "report.html")
    assert browser.evaluate(JS_BARS) == want["bins"]
    heights = browser.evaluate(JS_HEIGHTS)
    assert any(height > 0 for _, height in heights)
    for count, height in heights:  # drawn to scale: taller bars for more students
        assert (height > 0) == (count > 0)
    cells = browser.evaluate(JS_CELLS)
    for ident, passes in want["passed"].items():
        row = [c for c in cells if c[0] == ident]
        assert [c[1] for c in row] == list(range(len(passes)))
        assert [c[2] for c in row] == passes
        assert {c[3] for c in row} == {want["ran"][ident]}
    assert len({c[4] for c in cells}) > 1, "every cell has the same colour"
    diagnosis = browser.evaluate("""(() => { const li = document.querySelector(
        '[data-exercise=ex1] li[data-diagnosis="sum-instead-of-mean"]');
        return [+li.dataset.students, li.querySelector('.who').textContent]; })()""")
    assert diagnosis[0] == 2 and "bob" in diagnosis[1] and visible(HOSTILE) in diagnosis[1]


@needs_browser
def test_similar_pairs_side_by_side_with_shared_lines_marked(graded: dict[str, Any],
                                                             browser: Browser) -> None:
    _open(browser, graded["out"] / "report.html")
    pairs = browser.evaluate("""[...document.querySelectorAll('.finding.pair')].map(f =>
        [f.dataset.exercise, f.dataset.first, f.dataset.second,
         [...f.querySelectorAll('.side')].map(s => [s.querySelectorAll('span.line').length,
                                                    s.querySelectorAll('span.line.shared').length,
                                                    s.innerText])])""")
    bob_cy = next(p for p in pairs if {p[1], p[2]} == {"bob", "cy"})
    assert bob_cy[0] == "ex2"
    for lines, shared, _ in bob_cy[3]:
        assert 0 < shared < lines  # the function marked, the header comment not
    assert "labels" in bob_cy[3][0][2] + bob_cy[3][1][2]  # each side its own code
    assert browser.evaluate("document.querySelectorAll('.finding.reference').length") >= 1


@needs_browser
def test_the_script_runs_under_its_policy_and_nothing_else_loads(graded: dict[str, Any],
                                                                 browser: Browser) -> None:
    page = graded["out"] / "report.html"
    _open(browser, page)
    shown = browser.evaluate("""(() => { const box = document.getElementById('student-filter');
        box.value = 'BOB'; box.dispatchEvent(new Event('input'));
        return [...document.querySelectorAll('tr.student')].filter(r => !r.hidden)
               .map(r => r.dataset.student); })()""")
    assert shown == ["bob"]
    requests = [e["params"]["request"]["url"] for e in browser.events
                if e.get("method") == "Network.requestWillBeSent"]
    assert requests == [page.resolve().as_uri()]
    problems = [e for e in browser.events if e.get("method") in (
        "Runtime.exceptionThrown", "Log.entryAdded") and e["params"].get("entry", {}).get(
        "level", "error") == "error"]
    assert problems == []


@needs_browser
def test_a_screenshot_is_not_blank(graded: dict[str, Any], browser: Browser) -> None:
    _open(browser, graded["out"] / "report.html")
    assert len(png_colours(browser.screenshot())) > 1


@needs_browser
def test_usable_at_phone_width_and_printable(graded: dict[str, Any], browser: Browser) -> None:
    _open(browser, graded["out"] / "report.html", 375, 740, mobile=True)
    width, window = browser.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width <= window, "the page scrolls sideways on a phone"
    assert len(png_colours(browser.screenshot())) > 1
    browser.send("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = browser.evaluate("getComputedStyle(document.querySelector('.filter')).display")
        assert hidden == "none"
    finally:
        browser.send("Emulation.setEmulatedMedia", {"media": ""})
    assert browser.pdf().startswith(b"%PDF")


@needs_browser
def test_the_page_in_chinese(graded: dict[str, Any], browser: Browser) -> None:
    _open(browser, graded["zh"])
    assert browser.evaluate("document.documentElement.lang") == "zh-CN"
    assert browser.evaluate("document.querySelector('h1').textContent") == "班级报告"
    title = CATALOG.get("ex1").text("title", "zh")
    assert title in browser.evaluate("document.querySelector('#ex-ex1 h3').textContent")
    assert set(browser.evaluate(JS_ROWS)) == expected(graded["doc"])["students"]


def test_the_wheel_ships_the_templates(wheel_env: Path, tmp_path: Path) -> None:
    subs = tmp_path / "subs"
    _put(subs / "ann", "ex1.py", "ex1/mse_vectorised.py")
    run = subprocess.run([str(wheel_env / "bin" / "lossdrill"), "grade", str(subs), "--out",
                          str(tmp_path / "out"), "--secret", SECRET], capture_output=True,
                         text=True, timeout=300, check=False, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert re.search(r'<tr class="student" data-student="ann"', html)
