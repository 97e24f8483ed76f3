"""junit.xml for a whole class, written a student at a time: the same document
export.junit_xml makes of every suite at once, without every result in memory.

export.junit_xml still draws each student's <testsuite> elements, so their form is decided in
one place; only the root element is written here, its totals summed from the checks'
summaries, since it comes before the first suite.
"""

from __future__ import annotations

from collections.abc import Sequence

from lossdrill.classroom.checksummary import CheckSummary
from lossdrill.grading.results import CheckResult
from lossdrill.render import formats as export

_CLOSE = "</testsuites>\n"


def junit_head(summaries: Sequence[CheckSummary]) -> str:
    """The declaration and the root's opening tag; the whole (empty) document for no checks."""
    if not summaries:
        return export.junit_xml([])
    elapsed = 0.0
    for summary in summaries:  # summed in the order export.junit_xml sums: the same float
        elapsed += summary.duration_s
    totals = {key: sum(getattr(o, key) for o in summaries)
              for key in ("tests", "failures", "errors", "skipped")}
    attributes = "".join(f' {key}="{value}"' for key, value in totals.items())
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="lossdrill"'
            f'{attributes} time="{elapsed:.3f}">\n')


def junit_suites(suites: Sequence[tuple[str, CheckResult]]) -> str:
    """One student's <testsuite> elements, indented as in the whole document."""
    if not suites:
        return ""
    # export.junit_xml's own document for these suites, less its first two lines and its
    # closing tag: indentation depends on depth alone, so the suites read the same.
    return export.junit_xml(suites).split("\n", 2)[2].removesuffix(_CLOSE)


def junit_tail(summaries: Sequence[CheckSummary]) -> str:
    return _CLOSE if summaries else ""
