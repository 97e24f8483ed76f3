"""The words of the class report page, in the language chosen (``--lang``): every text the
template shows that is not data. Templates with fields are formatted in the template
(``t.bar.format(count=…)``)."""

from __future__ import annotations

from lossdrill.i18n import _


def labels() -> dict[str, str]:
    return {
        "title": _("Class report"),
        "summary": _("{students} students, {exercises} exercises ({layout}); written {when} "
                     "by lossdrill {version}"),
        "exercises": _("Exercises"),
        "tests": _("Test pass rates"),
        "diagnoses": _("Most common diagnoses"),
        "students": _("Students"),
        "similar": _("Similar code"),
        "look": _("Needs a look"),
        "submitted": _("submitted"),
        "mean": _("mean"),
        "full": _("full marks"),
        "distribution": _("Scores of {count} students, from 0 to {most}"),
        "bar": _("scores from {low} to {high}: {count}"),
        "bar_last": _("scores from {low} to {high}, full marks included: {count}"),
        "heat_intro": _("The share of the submissions of each exercise that pass each test; "
                        "hover over a cell (or read the table) for the test's name."),
        "exercise": _("exercise"),
        "test_names": _("The tests, by number"),
        "hidden": _("hidden"),
        "no_submissions": _("no submissions"),
        "heat_cell": _("{name}: {passed} of {ran} submissions pass"),
        "students_count": _("{count} students"),
        "one_student": _("1 student"),
        "varies": _("the message differs between students; each student's feedback has theirs"),
        "no_diagnoses": _("no diagnosis"),
        "filter": _("Filter students"),
        "student": _("student"),
        "name": _("name"),
        "total": _("total"),
        "feedback": _("feedback"),
        "student_diagnoses": _("diagnoses"),
        "not_on_roster": _("not on the roster"),
        "missing": _("not submitted"),
        "pairs_intro": _("Pairs of submissions alike once names, comments and literals are set "
                         "aside, rarest shared code first. Marked lines hold code both files "
                         "share beyond the starter. Evidence for a person to look at, not a "
                         "verdict."),
        "pair": _("{exercise}: {ratio} alike, weight {weight}"),
        "more": _("more in results.json: {count}"),
        "matches": _("Submissions that match the reference solution"),
        "matches_intro": _("Marked lines hold code the pack's reference solution holds too "
                           "(the reference is not shown)."),
        "match": _("{exercise}: {ratio} of its code is the reference's"),
        "lines_hidden": _("lines not shown: {count}"),
        "unreadable": _("could not be read again: {why}"),
        "shared_lines": _("lines marked: {count}"),
        "no_similar": _("Not compared: grade with --similar to compare submissions."),
        "no_pairs": _("No pair of submissions reached the threshold."),
        "nothing": _("Nothing: every file was graded, every student is on the roster."),
        "footer": _("This page is one file: it loads nothing from the network; print it or mail "
                    "it as it is."),
    }
