"""Tests of load-table.py: the tables of BENCHMARKS.md come from the results kept in
results/, and agree with the summary that load.sh wrote for the same run."""

import contextlib
import importlib.util
import io
import re
import sys
import unittest
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(BENCHMARKS))

import loadbench  # noqa: E402

RESULTS = BENCHMARKS / "results"
# the runs that finished: a run stopped half-way has no goals.tsv, and is not evidence
LOAD_RUNS = sorted(path for path in RESULTS.glob("*-load*")
                   if all((path / name).exists() for name in ("rows.tsv", "cases.tsv", "goals.tsv")))
DOCUMENT = (BENCHMARKS.parent / "BENCHMARKS.md").read_text()


def load_table_module():
    spec = importlib.util.spec_from_file_location("load_table", BENCHMARKS / "load-table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


load_table = load_table_module()


def tables(run):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = load_table.main(["load-table.py", str(run)])
    assert status == 0
    return out.getvalue()


class LoadTableTests(unittest.TestCase):

    def test_benchmarks_md_shows_the_tables_of_the_netty_run_as_printed(self):
        lines = [line for line in tables(RESULTS / "2026-12-03-java-maven-svc-load").splitlines() if line]
        self.assertEqual(43, len(lines))
        for line in lines:
            with self.subTest(line=line[:60]):
                self.assertIn(line, DOCUMENT)

    def test_a_goal_missed_by_at_most_5_percent_is_missed_narrowly(self):
        printed = tables(RESULTS / "2026-12-02-java-maven-svc-load")
        self.assertIn("| STARTUP | median with / without the starter | 1.062 (+6.2 %) | ≤ 1.05 | **missed** (narrowly) |",
                      printed)
        self.assertIn("| ON-SPEED, Tomcat, HTML | `tomcat.html` / `nginx-close.html` | 0.696 | ≥ 0.8 | **missed** |",
                      printed)

    def test_its_ratios_and_verdicts_are_those_of_load_sh_s_summary(self):
        for run in LOAD_RUNS:
            settings = loadbench.read_run(run)
            summary = (run / "results.txt").read_text()
            ours = [(float(m[0]), m[1]) for m in re.findall(r"\| ([0-9.]+)(?: \([^)]*\))? \| [≥≤] [0-9.]+ \| \*\*(met|missed)\*\*",
                                                           tables(run))]
            theirs = [(float(m[0]), m[1].lower()) for m in re.findall(r" ([0-9.]+)  [<>]= [0-9.]+ +(met|MISSED)$",
                                                                     summary, re.MULTILINE)]
            with self.subTest(run=run.name):
                self.assertEqual(len(loadbench.run_goals(settings)), len(theirs))
                self.assertEqual(theirs, ours)

    def test_the_last_attempt_counts(self):
        rows = [{"case": "a", "round": "1", "attempt": "1"}, {"case": "a", "round": "1", "attempt": "2"},
                {"case": "b", "round": "1", "attempt": "1"}]
        kept = load_table.last_attempts(rows, lambda r: (r["case"], r["round"]))
        self.assertEqual({("a", "1"): rows[1], ("b", "1"): rows[2]}, kept)


if __name__ == "__main__":
    unittest.main()
