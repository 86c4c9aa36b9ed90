"""Prints the judged relevance score at the end of every run that includes it.

A passing suite would otherwise hide how good search is: the score ("relevance: 27/30
queries meet their expectations on sqlite") shows whether a change to search made it
better or worse, on each backend, even when every other test passes.

Under pytest-xdist the main process, which prints the summary, loads only the conftest
files of the folders it was given (a whole-suite run: not this folder's); so this is a
plugin module, registered once by `pytest_plugins` in tests/conftest.py, which every run
of the suite loads.
"""

import json

# The name under which each judged query's verdict travels in its test report. Reports
# (unlike printed output) reach the main process under pytest-xdist too.
RELEVANCE_VERDICT = "relevance_verdict"


def pytest_terminal_summary(terminalreporter, config):
    verdicts = [
        json.loads(value)
        for outcome in ("passed", "failed")
        for report in terminalreporter.stats.get(outcome, [])
        if getattr(report, "when", "") == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == RELEVANCE_VERDICT
    ]
    if not verdicts:
        return
    verdicts.sort(key=lambda verdict: verdict["query"].lower())
    terminalreporter.section("judged search relevance")
    for verdict in verdicts:
        mark = "ok  " if verdict["met"] else "MISS"
        line = f"{mark} {verdict['query']!r}"
        if not verdict["met"]:
            line += ": " + "; ".join(verdict["problems"])
        terminalreporter.write_line(line)
    for backend in sorted({verdict["backend"] for verdict in verdicts}):
        judged = [verdict for verdict in verdicts if verdict["backend"] == backend]
        met = sum(verdict["met"] for verdict in judged)
        terminalreporter.write_line(
            f"relevance: {met}/{len(judged)} queries meet their expectations on {backend}",
            bold=True,
            green=met == len(judged),
            yellow=met != len(judged),
        )
