"""A student's feedback page is Markdown in which the learner's text — their name, file name,
messages, printed output — renders as the text it is: no link, no HTML, no emphasis, no
table cell broken, no code block closed early; controls and bytes that are not UTF-8 shown
as escapes. Checked by rendering the page with a CommonMark parser (GitHub's tables on)."""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

from lossdrill.classroom.feedback import student_feedback
from lossdrill.escape import visible
from lossdrill.grading.results import CheckResult, Diagnosis
from lossdrill.grading.results import TestResult as Outcome  # not collected as a test class

MARKUP = "**bold** _em_ [link](http://evil.example) <b>html</b> <script>x</script> ~~s~~ |"
PRINTED = "````\n# not a heading\n<img src=x onerror=alert(1)>\n\x1b[31mred\x07 ` `` ```"
FILE = "caf\udce9/`ex1` *x*.py"


def _result() -> CheckResult:
    failing = Outcome("worked example", "value", "visible", "error", 0.0, 1.0,
                         "raised ValueError: " + MARKUP + "\nsecond line",
                         {"got": "```\n" + MARKUP, "where": "line 3\x1b[2J"})
    hidden = Outcome("random (hidden)", "value", "hidden", "failed", 0.0, 1.0, MARKUP)
    return CheckResult("ex1", "mse", "Mean squared error", FILE, "failed", 0.0, 2.0, 7,
                       [failing, hidden], [Diagnosis("raised-exception", MARKUP)], PRINTED,
                       0.1, notes=["output " + MARKUP])


def _html() -> tuple[str, str]:
    page = student_feedback("mallory*\udcff", "Eve [x](http://e) <i>", [_result()])
    parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    return page, parser.render(page)


def test_learner_text_makes_no_markup() -> None:
    page, rendered = _html()
    assert "<a " not in rendered and "<script" not in rendered and "<b>" not in rendered
    assert "<img" not in rendered and "<i>" not in rendered and "<del>" not in rendered
    # The only emphasis is the page's own, around a note.
    assert re.findall(r"<em>(.*?)</em>", rendered) == [html.escape("output " + MARKUP,
                                                                   quote=False)]
    # The only bold text is the page's own: the total, a test's name, the diagnosis.
    assert re.findall(r"<strong>(.*?)</strong>", rendered) == [
        "Total: 0 / 2", "worked example", "Diagnosis", "raised-exception"]
    assert html.escape(MARKUP, quote=False) in rendered  # shown as written
    page.encode("utf-8")


def test_table_rows_keep_their_cells() -> None:
    _, rendered = _html()
    for row in re.findall(r"<tr>(.*?)</tr>", rendered, flags=re.S)[3:]:  # the tests' table
        assert row.count("<td>") == 5, row


def test_names_and_files_show_escaped() -> None:
    page, rendered = _html()
    assert "Feedback for Eve [x](http://e) &lt;i&gt; (mallory*\\xff)" in rendered
    assert "<code>caf\\xe9/`ex1` *x*.py</code>" in rendered


def test_printed_output_stays_in_its_block() -> None:
    _, rendered = _html()
    blocks = re.findall(r'<pre><code class="language-text">(.*?)</code></pre>', rendered,
                        flags=re.S)
    assert len(blocks) == 2  # the visible failure's details, and what the code printed
    assert html.unescape(blocks[1]) == visible(PRINTED) + "\n"
    assert "```\n" + MARKUP in html.unescape(blocks[0])
    assert "<h1>" in rendered and rendered.count("<h1>") == 1  # `# not a heading` is not one
