"""Tests of loadbench.py, on the raw output of the load runs kept in results/ and on
hand-made figures where a rule's boundary matters."""

import contextlib
import dataclasses
import http.server
import io
import os
import shutil
import sys
import tempfile
import threading
import time
import unittest
from pathlib import Path
from unittest import mock

BENCHMARKS = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(BENCHMARKS))

import loadbench  # noqa: E402

RESULTS = BENCHMARKS / "results"
# the runs that finished: a run stopped half-way has no goals.tsv, and is not evidence
LOAD_RUNS = sorted(path for path in RESULTS.glob("*-load*")
                   if all((path / name).exists() for name in ("rows.tsv", "cases.tsv", "goals.tsv")))
NETTY_RUN = RESULTS / "2026-12-03-java-maven-svc-load"
JFR_RUN = RESULTS / "2026-12-03-java-maven-svc-load-jfr"
PORTS = {"tomcat": 18080, "tomcat-nofilter": 18081, "jetty": 18082, "nginx-close": 18083,
         "nginx-keepalive": 18084, "netty": 18086, "netty-nofilter": 18087}


def wrk_output(run, name):
    return (run / "wrk" / name).read_text()


def stat_line(pid, ppid, group, user, system, command="java"):
    """A /proc/PID/stat line with the fields that count; the others 0."""
    return f"{pid} ({command}) S {ppid} {group} 0 0 0 0 0 0 0 0 {user} {system} 0 0 20 0 1 0"


def fake_proc(root, stats, cpu="cpu  100 0 50 800 10 0 5 3 7 0", loadavg="0.50 0.40 0.30 1/100 42"):
    """A /proc with the given stat lines ({pid: line}), /proc/stat and /proc/loadavg."""
    for pid, line in stats.items():
        (root / str(pid)).mkdir(exist_ok=True)
        (root / str(pid) / "stat").write_text(line + "\n")
    (root / "stat").write_text(cpu + "\ncpu0 1 2 3 4 5 6 7 8 9 10\n")
    (root / "loadavg").write_text(loadavg + "\n")
    return loadbench.Machine(proc=root, group=500)


def fixture_tsv(run):
    """The files of one recorded run, read as load.sh's later steps read them."""
    starts = run / "startups.tsv"
    return (loadbench.read_run(run), loadbench.read_cases(run), loadbench.read_tsv(run / "rows.tsv"),
            loadbench.read_tsv(starts) if starts.exists() else [])


def written(record_type, records):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.tsv"
        loadbench.write_tsv(path, record_type, records)
        return path.read_text()


class WrkOutputTests(unittest.TestCase):

    def test_reads_requests_per_second_and_requests_as_printed(self):
        result = loadbench.parse_wrk(wrk_output(NETTY_RUN, "tomcat.off-round1-attempt1.txt"))
        self.assertEqual(loadbench.WrkResult("6989.15", "84511", None), result)

    def test_reads_the_responses_that_were_not_2xx(self):
        result = loadbench.parse_wrk(wrk_output(NETTY_RUN, "tomcat.html-round1-attempt1.txt"))
        self.assertEqual(("7070.81", "84974", "84974"), (result.req_per_s, result.requests, result.non_2xx))

    def test_an_output_without_a_result_fails(self):
        output = "unable to connect to 127.0.0.1:18080 Connection refused\n"
        with self.assertRaisesRegex(loadbench.Failure, "wrk printed no result: unable to connect"):
            loadbench.parse_wrk(output)

    def test_every_recorded_row_holds_what_its_wrk_output_says(self):
        self.assertEqual(3, len(LOAD_RUNS))
        for run in LOAD_RUNS:
            for row in loadbench.read_tsv(run / "rows.tsv"):
                with self.subTest(run=run.name, case=row["case"], round=row["round"]):
                    result = loadbench.parse_wrk((run / row["wrk_output"]).read_text())
                    self.assertEqual((row["req_per_s"], row["requests"]), (result.req_per_s, result.requests))

    def test_the_command_loads_the_case_with_its_accept_header(self):
        case = loadbench.make_case("jetty.html", PORTS)
        self.assertEqual(["wrk", "-t1", "-c32", "-d12s", "--timeout", "5s", "-H", "Accept: text/html",
                          "http://127.0.0.1:18082/api/notes"], loadbench.wrk_command(case, 12, "1", "32"))


class LoadTests(unittest.TestCase):
    """load() with a stand-in for wrk that prints a recorded output."""

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.tmp)
        self.run_settings = {"threads": "1", "connections": "32"}

    def fake_wrk(self, output_file, status=0):
        script = self.tmp / "wrk"
        script.write_text(f"#!/bin/sh\ncat '{output_file}'\nexit {status}\n")
        script.chmod(0o755)
        path = f"{self.tmp}{os.pathsep}{os.environ.get('PATH', '')}"
        patcher = mock.patch.dict(os.environ, {"PATH": path})
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_keeps_wrk_output_and_returns_its_figures(self):
        recorded = NETTY_RUN / "wrk" / "tomcat.off-round2-attempt1.txt"
        self.fake_wrk(recorded)
        keep = self.tmp / "kept.txt"
        result = loadbench.load(loadbench.make_case("tomcat.off", PORTS), 3, self.run_settings, keep)
        self.assertEqual(recorded.read_text(), keep.read_text())
        self.assertEqual(loadbench.parse_wrk(recorded.read_text()), result)

    def test_a_case_expecting_200_fails_on_other_statuses(self):
        self.fake_wrk(NETTY_RUN / "wrk" / "tomcat.html-round1-attempt1.txt")
        with self.assertRaisesRegex(loadbench.Failure, "tomcat.off: 84974 responses were not 2xx"):
            loadbench.load(loadbench.make_case("tomcat.off", PORTS), 3, self.run_settings)

    def test_a_case_expecting_503_takes_them(self):
        self.fake_wrk(NETTY_RUN / "wrk" / "tomcat.html-round1-attempt1.txt")
        result = loadbench.load(loadbench.make_case("tomcat.html", PORTS), 3, self.run_settings)
        self.assertEqual("7070.81", result.req_per_s)

    def test_fails_when_wrk_fails(self):
        self.fake_wrk(NETTY_RUN / "wrk" / "tomcat.off-round1-attempt1.txt", status=1)
        with self.assertRaisesRegex(loadbench.Failure, "tomcat.off: wrk exited with 1"):
            loadbench.load(loadbench.make_case("tomcat.off", PORTS), 3, self.run_settings)


class ProcTests(unittest.TestCase):

    def test_reads_a_stat_line_whose_command_holds_parentheses_and_spaces(self):
        stat = loadbench.parse_stat(stat_line(4321, 1, 4000, 1765, 340, command="java (main) x"))
        self.assertEqual(loadbench.Stat(4321, 1, 4000, 1765, 340), stat)

    def test_machine_ticks_add_up_user_to_steal(self):
        text = "cpu  100 1 50 800 10 2 5 3 7 9\ncpu0 1 1 1 1 1 1 1 1 1 1\n"
        self.assertEqual(100 + 1 + 50 + 800 + 10 + 2 + 5 + 3, loadbench.parse_machine_ticks(text))

    def test_other_work_leaves_out_kernel_threads_and_the_own_process_group(self):
        stats = [loadbench.Stat(2, 0, 0, 0, 9), loadbench.Stat(30, 2, 0, 4, 4),
                 loadbench.Stat(100, 1, 500, 70, 7), loadbench.Stat(200, 1, 200, 12, 3)]
        self.assertEqual({200: 15}, loadbench.other_ticks(stats, group=500))

    def test_other_work_counts_new_processes_whole_and_ended_ones_not(self):
        before = {200: 100, 300: 50}
        after = {200: 110, 400: 5}
        self.assertEqual("15", loadbench.other_pct(before, after, machine_ticks=100))

    def test_other_work_is_0_without_ticks(self):
        self.assertEqual("0", loadbench.other_pct({200: 10}, {200: 10}, machine_ticks=100))
        self.assertEqual("0", loadbench.other_pct({}, {200: 10}, machine_ticks=0))

    def test_a_server_s_ticks_include_its_children(self):
        stats = [loadbench.Stat(10, 1, 10, 100, 20), loadbench.Stat(11, 10, 10, 5, 40),
                 loadbench.Stat(12, 10, 10, 6, 30), loadbench.Stat(13, 1, 13, 1000, 1000)]
        self.assertEqual((111, 90), loadbench.server_ticks(stats, 10))

    def test_a_server_that_is_gone_fails(self):
        with self.assertRaisesRegex(loadbench.Failure, "server process 10 is not running"):
            loadbench.server_ticks([loadbench.Stat(11, 10, 10, 5, 40)], 10)

    def test_reads_a_proc_directory(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            machine = fake_proc(root, {10: stat_line(10, 1, 500, 100, 20), 11: stat_line(11, 10, 500, 5, 40),
                                       20: stat_line(20, 1, 20, 7, 3)})
            (root / "99").mkdir()  # ended between listing and reading
            (root / "self").mkdir()
            self.assertEqual((105, 60), machine.server_ticks(10))
            self.assertEqual({20: 10}, machine.other_ticks())
            self.assertEqual(100 + 50 + 800 + 10 + 5 + 3, machine.total_ticks())
            self.assertEqual("0.50 0.40 0.30", machine.load_average())

    def test_other_work_over_a_span(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            machine = fake_proc(root, {20: stat_line(20, 1, 20, 7, 3)}, cpu="cpu  100 0 0 100 0 0 0 0")
            other = loadbench.OtherWork(machine)
            fake_proc(root, {20: stat_line(20, 1, 20, 17, 3), 21: stat_line(21, 1, 21, 4, 1)},
                      cpu="cpu  150 0 0 150 0 0 0 0")
            self.assertEqual("15", other.share())  # 15 of 100 ticks


class CpuPerRequestTests(unittest.TestCase):

    def test_cpu_per_request_from_tick_deltas(self):
        # 200 ticks of 10 ms over 10,000 requests
        self.assertEqual("200.0", loadbench.cpu_us_per_req(150, 50, 100, "10000"))
        self.assertEqual("249.1", loadbench.cpu_us_per_req(1765, 340, 100, "84511"))

    def test_kernel_share(self):
        self.assertEqual("25", loadbench.kernel_pct(150, 50))
        self.assertEqual("0", loadbench.kernel_pct(0, 0))

    def test_every_recorded_row_has_the_cpu_of_its_ticks(self):
        for run in LOAD_RUNS:
            for row in loadbench.read_tsv(run / "rows.tsv"):
                user, system = int(row["user_ticks"]), int(row["system_ticks"])
                with self.subTest(run=run.name, case=row["case"], round=row["round"]):
                    self.assertEqual(row["cpu_us_per_req"],
                                     loadbench.cpu_us_per_req(user, system, int(row["ticks_per_s"]), row["requests"]))
                    self.assertEqual(row["kernel_pct"], loadbench.kernel_pct(user, system))


@dataclasses.dataclass
class Attempt:
    attempt: int
    other_pct: str


class RetryTests(unittest.TestCase):

    def attempts(self, others, other_max="10", retries=2):
        again = []
        results = loadbench.until_quiet(lambda n: Attempt(n, others[n - 1]), other_max, retries, again.append)
        return [a.attempt for a in results], [a.attempt for a in again]

    def test_a_quiet_case_is_measured_once(self):
        self.assertEqual(([1], []), self.attempts(["3"]))

    def test_other_work_at_the_limit_is_quiet(self):
        self.assertEqual(([1], []), self.attempts(["10"]))

    def test_other_work_above_the_limit_is_measured_again_until_quiet(self):
        self.assertEqual(([1, 2], [1]), self.attempts(["11", "4"]))

    def test_at_most_retries_times_again_and_the_last_attempt_counts(self):
        self.assertEqual(([1, 2, 3], [1, 2]), self.attempts(["50", "40", "30"]))

    def test_no_retries(self):
        self.assertEqual(([1], []), self.attempts(["50"], retries=0))


class StatisticsTests(unittest.TestCase):

    def test_median(self):
        self.assertEqual(8640.12, loadbench.median(["9122.35", "6989.15", "8640.12"]))
        self.assertEqual(7.5, loadbench.median(["10", "5"]))

    def test_median_text_keeps_the_middle_value_as_written(self):
        self.assertEqual("5.440", loadbench.median_text(["6.1", "5.440", "5.2"]))

    def test_median_text_of_an_even_count_is_the_mean_with_6_digits(self):
        self.assertEqual("6.1495", loadbench.median_text(["6.271", "6.028"]))
        self.assertEqual("6", loadbench.median_text(["5.5", "6.5"]))

    def test_ratio_has_3_decimals(self):
        self.assertEqual("0.872", loadbench.ratio_text(8640.12, 9910.3))
        self.assertEqual("55.546", loadbench.ratio_text(27562.04, 496.2))

    def test_a_ratio_at_the_goal_meets_it(self):
        self.assertEqual("met", loadbench.verdict("0.980", ">=", "0.98"))
        self.assertEqual("MISSED", loadbench.verdict("0.979", ">=", "0.98"))
        self.assertEqual("met", loadbench.verdict("1.050", "<=", "1.05"))
        self.assertEqual("MISSED", loadbench.verdict("1.051", "<=", "1.05"))

    def test_the_verdict_is_on_the_ratio_as_printed(self):
        goal = loadbench.Goal("OFF-OVERHEAD", "req_per_s", "a.off", "b.off", ">=", "0.98")
        figures = {"a.off": mock.Mock(median_req_per_s=979.6), "b.off": mock.Mock(median_req_per_s=1000.0)}
        ratio = loadbench.goal_ratio(goal, figures, {})
        self.assertEqual(("0.980", "met"), (ratio, loadbench.verdict(ratio, ">=", "0.98")))

    def test_the_last_attempt_of_a_case_and_round_counts(self):
        rows = [self.row("a.off", 1, 1, "100", "40"), self.row("a.off", 1, 2, "200", "9"),
                self.row("a.off", 2, 1, "300", "12")]
        figures = loadbench.figures_of(["a.off"], rows, range(1, 3))["a.off"]
        self.assertEqual((["200", "300"], 250.0, "12"),
                         (figures.req_per_s, figures.median_req_per_s, figures.max_other_pct))

    def test_a_missing_round_fails(self):
        with self.assertRaisesRegex(loadbench.Failure, "no row for"):
            loadbench.figures_of(["a.off"], [self.row("a.off", 1, 1, "100", "0")], range(1, 3))

    @staticmethod
    def row(case, round_number, attempt, req_per_s, other):
        return {"case": case, "round": str(round_number), "attempt": str(attempt), "req_per_s": req_per_s,
                "cpu_us_per_req": "10.0", "kernel_pct": "20", "other_pct": other}


class PlanTests(unittest.TestCase):

    def test_the_cases_of_each_recorded_run(self):
        for run in LOAD_RUNS:
            settings = loadbench.read_run(run)
            with self.subTest(run=run.name):
                cases = loadbench.plan_cases(PORTS, loadbench.flag(settings, "jetty"),
                                             loadbench.flag(settings, "netty"), loadbench.flag(settings, "poll"))
                self.assertEqual((run / "cases.tsv").read_text(), written(loadbench.Case, cases))

    def test_the_goals_of_each_recorded_run(self):
        for run in LOAD_RUNS:
            with self.subTest(run=run.name):
                goals = loadbench.run_goals(loadbench.read_run(run))
                self.assertEqual((run / "goals.tsv").read_text(), written(loadbench.Goal, goals))

    def test_without_the_return_poll_and_startups_no_goals_for_them(self):
        metrics = {(g.goal, g.metric) for g in loadbench.plan_goals(True, True, poll=False, startups=0)}
        self.assertNotIn(("RETURN-POLL", "req_per_s"), metrics)
        self.assertNotIn(("STARTUP", "startup_s"), metrics)

    def test_a_server_without_a_port_fails(self):
        ports = {k: v for k, v in PORTS.items() if k != "jetty"}
        with self.assertRaisesRegex(loadbench.Failure, "no port for jetty"):
            loadbench.plan_cases(ports, jetty=True, netty=False, poll=False)

    def test_odd_rounds_run_off_first_forwards_even_rounds_on_first_backwards(self):
        cases = loadbench.plan_cases(PORTS, jetty=True, netty=False, poll=False)
        self.assertEqual((["off", "on"], ["on", "off"]), (loadbench.phases_of_round(1), loadbench.phases_of_round(2)))
        self.assertEqual(["tomcat.off", "tomcat-nofilter.off", "jetty.off"],
                         [c.name for c in loadbench.cases_of_round(cases, "off", 3)])
        self.assertEqual(["jetty.off", "tomcat-nofilter.off", "tomcat.off"],
                         [c.name for c in loadbench.cases_of_round(cases, "off", 2)])

    def test_nginx_warms_up_for_3_seconds(self):
        self.assertEqual(3, loadbench.warm_seconds(loadbench.make_case("nginx-close.html", PORTS), 15))
        self.assertEqual(15, loadbench.warm_seconds(loadbench.make_case("tomcat.html", PORTS), 15))


class WriterTests(unittest.TestCase):

    def test_rows_tsv(self):
        row = loadbench.Row("tomcat.off", 1, 2, "6989.15", "84511", 1765, 340, 100, "249.1", "16", "0",
                            "wrk/tomcat.off-round1-attempt2.txt")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "rows.tsv"
            loadbench.write_tsv(path, loadbench.Row, [])
            loadbench.append_tsv(path, row)
            self.assertEqual(
                "case\tround\tattempt\treq_per_s\trequests\tuser_ticks\tsystem_ticks\tticks_per_s\tcpu_us_per_req"
                "\tkernel_pct\tother_pct\twrk_output\n"
                "tomcat.off\t1\t2\t6989.15\t84511\t1765\t340\t100\t249.1\t16\t0\twrk/tomcat.off-round1-attempt2.txt\n",
                path.read_text())

    def test_startups_tsv(self):
        self.assertEqual("start\tstarter\tattempt\tseconds\tother_pct\n1\twithout\t2\t5.44\t1\n",
                         written(loadbench.Start, [loadbench.Start(1, "without", 2, "5.44", "1")]))

    def test_the_progress_line_of_a_measurement(self):
        row = loadbench.Row("tomcat.off", 1, 1, "6989.15", "84511", 1765, 340, 100, "249.1", "16", "0", "")
        self.assertEqual("  round 1  tomcat.off                   6989 req/s    249.1 us CPU/req (16% kernel), "
                         "other work 0%", loadbench.row_progress(row))


class SummaryTests(unittest.TestCase):

    def test_the_summary_of_each_recorded_run_as_load_sh_printed_it(self):
        for run in LOAD_RUNS:
            settings, cases, rows, starts = fixture_tsv(run)
            lines = loadbench.summary_lines(settings, cases, rows, starts, loadbench.run_goals(settings))
            recorded = (run / "results.txt").read_text().splitlines()
            start = recorded.index(lines[1]) - 1
            with self.subTest(run=run.name):
                self.assertEqual(recorded[start:start + len(lines)], lines)
                self.assertEqual(len(recorded) - 1, start + len(lines))
                self.assertEqual(recorded[-1], loadbench.end_line(settings["load_average_end"], int(settings["took_s"])))

    def test_the_header_of_each_recorded_run(self):
        for run in LOAD_RUNS:
            settings = loadbench.read_run(run)
            recorded = (run / "results.txt").read_text().splitlines()
            started = time.strptime(recorded[0].split(", ")[1], "%Y-%m-%d %H:%M UTC")
            with self.subTest(run=run.name):
                self.assertEqual(recorded[:4], loadbench.header_lines(settings, started))

    def test_a_run_without_the_return_poll_says_so_before_the_startup_goal(self):
        settings, cases, rows, starts = fixture_tsv(NETTY_RUN)
        settings = dict(settings, poll="false")
        cases = [c for c in cases if not c.name.endswith(".poll")]
        lines = loadbench.summary_lines(settings, cases, rows, starts, loadbench.run_goals(settings))
        self.assertEqual(["RETURN-POLL                                        not measurable yet",
                          "STARTUP with / without                               1.090  <= 1.05  MISSED"], lines[-2:])

    def test_the_summary_command_writes_goals_tsv_and_results_txt(self):
        with tempfile.TemporaryDirectory() as tmp:
            results = Path(tmp)
            for name in ("run.tsv", "cases.tsv", "rows.tsv", "startups.tsv"):
                shutil.copy(NETTY_RUN / name, results)
            (results / "results.txt").write_text("header\n")
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                status = loadbench.main(["loadbench.py", "--results", tmp, "summary", "1146"])
            self.assertEqual(0, status)
            self.assertEqual((NETTY_RUN / "goals.tsv").read_text(), (results / "goals.tsv").read_text())
            recorded = (NETTY_RUN / "results.txt").read_text().splitlines()
            printed = out.getvalue().splitlines()
            self.assertEqual(recorded[-len(printed):-1], printed[:-1])
            self.assertRegex(printed[-1], r"^load average at end: [0-9.]+ [0-9.]+ [0-9.]+; took 19 min 6 s$")
            self.assertEqual(["header"] + printed, (results / "results.txt").read_text().splitlines())


class BeginAndCasesCommandTests(unittest.TestCase):

    def test_begin_then_cases(self):
        with tempfile.TemporaryDirectory() as tmp:
            results = Path(tmp)
            shutil.copy(JFR_RUN / "run.tsv", results)
            servers = results / "servers.tsv"
            servers.write_text("server\tport\tpid\n" + "".join(f"{name}\t{port}\t1\n" for name, port in PORTS.items()))
            with contextlib.redirect_stdout(io.StringIO()):
                self.assertEqual(0, loadbench.main(["loadbench.py", "--results", tmp, "begin"]))
            self.assertEqual(0, loadbench.main(["loadbench.py", "--results", tmp, "--servers", str(servers),
                                                "cases", "true"]))
            recorded = (JFR_RUN / "results.txt").read_text().splitlines()
            self.assertEqual(recorded[1:4], (results / "results.txt").read_text().splitlines()[1:])
            self.assertEqual((JFR_RUN / "cases.tsv").read_text(), (results / "cases.tsv").read_text())
            self.assertEqual(loadbench.tsv_line(loadbench.header(loadbench.Row)), (results / "rows.tsv").read_text())
            self.assertTrue((results / "wrk").is_dir())


class StartupTests(unittest.TestCase):
    """Starts of a stand-in for the sample's jar: a Python process that prints its start."""

    SAMPLE = ("import sys, time; "
              "print('Started SampleApplication in', '1.5' if len(sys.argv) == 1 else '1.25', 'seconds', flush=True); "
              "time.sleep(60)")

    def test_starts_with_and_without_the_starter_interleaved(self):
        with tempfile.TemporaryDirectory() as tmp:
            results = Path(tmp)
            loadbench.write_tsv(results / "startups.tsv", loadbench.Start, [])
            settings = {"startups": "2", "startup_exclude": "a.B,c.D", "other_max_pct": "100", "retries": "2"}
            with contextlib.redirect_stderr(io.StringIO()) as progress:
                loadbench.startups([sys.executable, "-c", self.SAMPLE], results / "startup.log", results,
                                   settings, loadbench.Machine())
            rows = loadbench.read_tsv(results / "startups.tsv")
            self.assertEqual([("1", "with", "1.5"), ("1", "without", "1.25"), ("2", "with", "1.5"),
                              ("2", "without", "1.25")], [(r["start"], r["starter"], r["seconds"]) for r in rows])
            self.assertIn("  start 2  with the starter 1.5s, without 1.25s", progress.getvalue())

    def test_a_start_that_does_not_say_it_started_fails(self):
        with tempfile.TemporaryDirectory() as tmp:
            with contextlib.redirect_stderr(io.StringIO()) as shown:
                with self.assertRaisesRegex(loadbench.Failure, "the application did not start"):
                    loadbench.start_once([sys.executable, "-c", "print('APPLICATION FAILED TO START')"],
                                         Path(tmp) / "startup.log", loadbench.Machine())
            self.assertIn("APPLICATION FAILED TO START", shown.getvalue())

    def test_reads_the_started_line(self):
        log = "2026-12-03 INFO Started SampleApplication in 6.568 seconds (process running for 7.1)\n"
        self.assertEqual("6.568", loadbench.parse_started(log))
        self.assertIsNone(loadbench.parse_started("Starting SampleApplication using Java 17\n"))


class CheckTests(unittest.TestCase):
    """check() against a local server that answers 503 on /api/notes and 200 elsewhere."""

    @classmethod
    def setUpClass(cls):
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(503 if self.path == "/api/notes" else 200)
                self.end_headers()
                self.wfile.write(b"maintenance" if self.path == "/api/notes" else b"ok")

            def log_message(self, *args):
                pass

        cls.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        ports = dict(PORTS, tomcat=cls.server.server_address[1])
        cls.cases = loadbench.plan_cases(ports, jetty=False, netty=False, poll=False)

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def test_the_cases_answer_as_expected(self):
        tomcat = [c for c in self.cases if c.name in ("tomcat.off", "tomcat.html", "tomcat.json")]
        loadbench.check(tomcat, "on")
        loadbench.check(tomcat, "off")

    def test_a_case_answered_otherwise_fails(self):
        off_case_on_notes = dataclasses.replace(self.cases[0], url=self.cases[0].url.replace("job-runs", "notes"))
        with contextlib.redirect_stderr(io.StringIO()) as shown:
            with self.assertRaisesRegex(loadbench.Failure, "tomcat.off: .* answered 503, expected 200"):
                loadbench.check([off_case_on_notes], "off")
        self.assertEqual("maintenance", shown.getvalue())


if __name__ == "__main__":
    unittest.main()
