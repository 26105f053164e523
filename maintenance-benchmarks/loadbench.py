#!/usr/bin/env python3
"""What load.sh measures and decides: wrk runs, CPU ticks, other work, medians and goals.

Usage: maintenance-benchmarks/loadbench.py --results DIR [--servers FILE] COMMAND [ARG...]

load.sh starts and stops the processes (the sample applications, nginx) and switches
maintenance on and off; it calls this program for everything else, one command per step:
  begin                 results.txt with the run's header; rows.tsv and startups.tsv
                        with their header lines; wrk/
  startups LOG -- CMD   start CMD (the sample's jar) STARTUPS times with the starter and as
                        often with its auto-configurations excluded, interleaved; each
                        start's "Started ... in X seconds", read from LOG, into startups.tsv
  cases POLL            cases.tsv: the run's cases, in the order of an odd round
  check PHASE           one request to each case of PHASE (on, off) answers as expected
  warm PHASE            load on each case of PHASE, before the rounds
  phases ROUND          the order of the phases in ROUND (odd rounds off first)
  measure ROUND PHASE   each case of PHASE (backwards in even rounds), again when other
                        work disturbed it, into rows.tsv and wrk/
  summary TOOK_S        the medians, the startups and the goals, into results.txt and
                        goals.tsv

DIR is the results directory (load.sh --help lists its files). The run's settings are read
from its run.tsv, which load.sh writes first. FILE lists the servers load.sh started
(server, port, pid): the cases' URLs come from their ports, the CPU of a case from the
ticks of its server's process and that process's children.

How it measures:
  a case        wrk -tTHREADS -cCONNECTIONS -dDURATIONs against the case's URL with its
                Accept header; req/s and requests as wrk prints them; a case expecting
                200 fails on any other status
  CPU/request   (user + kernel clock ticks of the server over the case) / requests
  other work    the clock ticks of every user process outside load.sh's process group
                (kernel threads left out) over the case, as a share of all CPUs' ticks;
                a case or a start during which it was above OTHER_MAX % is measured
                again, at most RETRIES times; the last attempt counts
  medians       of the rounds, per case; ratios of the medians with 3 decimals, and the
                verdict on the ratio as printed: "met" or "MISSED"
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import http.client
import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

HOST = "127.0.0.1"
KTHREADD = 2  # the kernel threads' parent
NGINX_WARMUP_S = 3
START_TIMEOUT_S = 120
STARTED = re.compile(r"Started SampleApplication in ([0-9.]+) seconds")

# what each kind of case requests, accepts and expects
APP_PATHS = {"off": "/api/job-runs", "html": "/api/notes", "json": "/api/notes", "poll": "/maintenance-assets/status"}
NGINX_PATHS = {"html": "/html", "json": "/json"}
ACCEPTS = {"off": "application/json", "html": "text/html", "json": "application/json", "poll": "application/json"}
EXPECTED = {"off": "200", "html": "503", "json": "503", "poll": "200"}


class Failure(Exception):
    """A step that cannot go on: load.sh stops with its message."""


# --- the files ------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    case: str  # the columns of cases.tsv
    phase: str
    url: str
    accept: str
    expected_status: str

    @property
    def name(self):
        return self.case

    @property
    def server(self):
        return self.name.split(".")[0]


@dataclass(frozen=True)
class Row:
    case: str
    round: int
    attempt: int
    req_per_s: str
    requests: str
    user_ticks: int
    system_ticks: int
    ticks_per_s: int
    cpu_us_per_req: str
    kernel_pct: str
    other_pct: str
    wrk_output: str


@dataclass(frozen=True)
class Start:
    start: int
    starter: str
    attempt: int
    seconds: str
    other_pct: str


@dataclass(frozen=True)
class Goal:
    goal: str
    metric: str
    numerator: str
    denominator: str
    operator: str
    target: str


def header(record_type):
    return tuple(field.name for field in dataclasses.fields(record_type))


def tsv_line(values):
    return "\t".join(str(value) for value in values) + "\n"


def write_tsv(path, record_type, records):
    with open(path, "w") as out:
        out.write(tsv_line(header(record_type)))
        for record in records:
            out.write(tsv_line(dataclasses.astuple(record)))


def append_tsv(path, record):
    with open(path, "a") as out:
        out.write(tsv_line(dataclasses.astuple(record)))


def read_tsv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_run(results):
    return {row["key"]: row["value"] for row in read_tsv(results / "run.tsv")}


def flag(run, key):
    return run.get(key) == "true"


def read_cases(results):
    return [Case(**row) for row in read_tsv(results / "cases.tsv")]


def read_servers(path):
    """Server name to (port, pid), from the file load.sh writes as it starts them."""
    return {row["server"]: (int(row["port"]), int(row["pid"])) for row in read_tsv(path)}


def report(results, lines, mode="a"):
    """Print lines and add them to results.txt, as load.sh's summary."""
    text = "".join(line + "\n" for line in lines)
    sys.stdout.write(text)
    sys.stdout.flush()
    with open(results / "results.txt", mode) as out:
        out.write(text)


def say(text):
    print(text, file=sys.stderr, flush=True)


# --- the cases and the goals -----------------------------------------------------------


def case_names(jetty, netty, poll):
    """The cases of a run, off before on, in the order of an odd round."""
    off = ["tomcat.off", "tomcat-nofilter.off"]
    if jetty:
        off.append("jetty.off")
    if netty:
        off += ["netty.off", "netty-nofilter.off"]
    on = ["tomcat.html", "nginx-close.html", "tomcat.json", "nginx-close.json"]
    # each nginx case between the cases it is compared with
    for kind in ("html", "json"):
        if jetty:
            on.append(f"jetty.{kind}")
        if jetty or netty:
            on.append(f"nginx-keepalive.{kind}")
        if netty:
            on.append(f"netty.{kind}")
    if poll:
        on += ["tomcat.poll"] + (["jetty.poll"] if jetty else []) + (["netty.poll"] if netty else [])
    return off + on


def make_case(name, ports):
    server, kind = name.split(".")
    paths = NGINX_PATHS if server.startswith("nginx-") else APP_PATHS
    phase = "off" if kind == "off" else "on"
    return Case(name, phase, f"http://{HOST}:{ports[server]}{paths[kind]}", ACCEPTS[kind], EXPECTED[kind])


def plan_cases(ports, jetty, netty, poll):
    missing = sorted({n.split(".")[0] for n in case_names(jetty, netty, poll)} - set(ports))
    if missing:
        raise Failure(f"no port for {', '.join(missing)} in the servers file")
    return [make_case(name, ports) for name in case_names(jetty, netty, poll)]


def plan_goals(jetty, netty, poll, startups):
    """The goals listed at the top of load.sh, for the cases of the run."""
    def speed(label, a, b, target):
        return Goal(label, "req_per_s", a, b, ">=", target)

    def off_overhead(server):
        # CPU per request without the filter / with it: above 1 when the filter saves CPU
        return [speed("OFF-OVERHEAD", f"{server}.off", f"{server}-nofilter.off", "0.98"),
                Goal("OFF-OVERHEAD CPU", "cpu_us_per_req", f"{server}-nofilter.off", f"{server}.off", ">=", "0.98")]

    def on_speed(server, nginx, own_endpoint):
        goals = [speed("ON-SPEED", f"{server}.{kind}", f"{nginx}.{kind}", "0.8") for kind in ("html", "json")]
        if own_endpoint:
            goals += [speed("ON-SPEED", f"{server}.{kind}", f"{server}.off", "1.5") for kind in ("html", "json")]
        return goals

    goals = off_overhead("tomcat") + on_speed("tomcat", "nginx-close", own_endpoint=False)
    if jetty:
        goals += on_speed("jetty", "nginx-keepalive", own_endpoint=True)
    if netty:
        goals += off_overhead("netty") + on_speed("netty", "nginx-keepalive", own_endpoint=True)
    if poll:
        servers = ["tomcat"] + (["jetty"] if jetty else []) + (["netty"] if netty else [])
        goals += [speed("RETURN-POLL", f"{s}.poll", f"{s}.off", "1.5") for s in servers]
    if startups > 0:
        goals.append(Goal("STARTUP", "startup_s", "with", "without", "<=", "1.05"))
    return goals


def phases_of_round(round_number):
    """Odd rounds run off then on, even rounds on then off: each phase's cases backwards."""
    return ["off", "on"] if round_number % 2 else ["on", "off"]


def cases_of_round(cases, phase, round_number):
    chosen = [case for case in cases if case.phase == phase]
    return chosen if round_number % 2 else chosen[::-1]


# --- wrk --------------------------------------------------------------------------------


@dataclass(frozen=True)
class WrkResult:
    req_per_s: str
    requests: str
    non_2xx: str | None


def parse_wrk(output):
    """Requests per second, requests, and non-2xx/3xx responses (None: all were), as printed."""
    req_per_s = requests = non_2xx = None
    for line in output.splitlines():
        fields = line.split()
        if line.startswith("Requests/sec:") and len(fields) > 1:
            req_per_s = fields[1]
        elif "requests in" in line:
            requests = fields[0]
        elif "Non-2xx or 3xx responses:" in line:
            non_2xx = fields[4]
    if req_per_s is None or requests is None:
        raise Failure(f"wrk printed no result: {output}")
    return WrkResult(req_per_s, requests, non_2xx)


def wrk_command(case, seconds, threads, connections):
    return ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
            "-H", f"Accept: {case.accept}", case.url]


def load(case, seconds, run, keep=None):
    """Run wrk on CASE for SECONDS; its output goes to KEEP (a path) when given."""
    command = wrk_command(case, seconds, run["threads"], run["connections"])
    completed = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    output = completed.stdout
    if keep is not None:
        keep.write_text(output.rstrip("\n") + "\n")
    if completed.returncode != 0:
        raise Failure(f"{case.name}: wrk exited with {completed.returncode}: {output}")
    try:
        result = parse_wrk(output)
    except Failure as failure:
        raise Failure(f"{case.name}: {failure}") from None
    if case.expected_status == "200" and result.non_2xx is not None:
        raise Failure(f"{case.name}: {result.non_2xx} responses were not 2xx")
    return result


# --- /proc ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stat:
    pid: int
    ppid: int
    group: int
    user_ticks: int
    system_ticks: int


def parse_stat(line):
    """The fields of one /proc/PID/stat line that count; the command may hold ') '."""
    head, _, tail = line.rpartition(") ")
    fields = tail.split()
    # after the command: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    return Stat(int(head.split(" (", 1)[0]), int(fields[1]), int(fields[2]), int(fields[11]), int(fields[12]))


def parse_machine_ticks(text):
    """Clock ticks of all CPUs so far, from /proc/stat: user to steal, idle included."""
    for line in text.splitlines():
        if line.startswith("cpu "):
            return sum(int(value) for value in line.split()[1:9])
    raise Failure("no cpu line in /proc/stat")


def other_ticks(stats, group):
    """Ticks used so far by each user process outside GROUP, kernel threads left out."""
    return {s.pid: s.user_ticks + s.system_ticks for s in stats
            if s.pid != KTHREADD and s.ppid != KTHREADD and s.group != group}


def other_pct(before, after, machine_ticks):
    """The share of the machine that other processes used between two other_ticks.

    Processes that ended meanwhile are left out, those that started count whole.
    """
    used = sum(ticks - before.get(pid, 0) for pid, ticks in after.items())
    share = 100 * used / machine_ticks if machine_ticks > 0 and used > 0 else 0
    return f"{share:.0f}"


def server_ticks(stats, pid):
    """User and system ticks of the process PID and of its children (nginx's workers)."""
    own = [s for s in stats if s.pid == pid or s.ppid == pid]
    if not any(s.pid == pid for s in own):
        raise Failure(f"the server process {pid} is not running")
    return sum(s.user_ticks for s in own), sum(s.system_ticks for s in own)


def cpu_us_per_req(user_ticks, system_ticks, ticks_per_s, requests):
    return f"{(user_ticks + system_ticks) * 1e6 / ticks_per_s / int(requests):.1f}"


def kernel_pct(user_ticks, system_ticks):
    used = user_ticks + system_ticks
    return f"{100 * system_ticks / used if used > 0 else 0:.0f}"


class Machine:
    """The /proc view of the machine, as seen from this program's process group."""

    def __init__(self, proc=Path("/proc"), group=None):
        self.proc = proc
        self.group = os.getpgrp() if group is None else group

    def stats(self):
        stats = []
        for entry in self.proc.iterdir():
            if entry.name.isdigit():
                try:
                    stats.append(parse_stat((entry / "stat").read_text()))
                except (OSError, ValueError, IndexError):
                    continue  # ended meanwhile
        return stats

    def total_ticks(self):
        return parse_machine_ticks((self.proc / "stat").read_text())

    def other_ticks(self):
        return other_ticks(self.stats(), self.group)

    def server_ticks(self, pid):
        return server_ticks(self.stats(), pid)

    def load_average(self):
        return " ".join((self.proc / "loadavg").read_text().split()[:3])


class OtherWork:
    """Other processes' share of the machine from now until share() is called."""

    def __init__(self, machine):
        self.machine = machine
        self.before = machine.other_ticks()
        self.total = machine.total_ticks()

    def share(self):
        total = self.machine.total_ticks() - self.total
        return other_pct(self.before, self.machine.other_ticks(), total)


# --- measuring ---------------------------------------------------------------------------


def quiet(other, other_max):
    return float(other) <= float(other_max)


def until_quiet(measure_once, other_max, retries, say_again):
    """Measure (attempt 1, 2, ...) until other work stayed within OTHER_MAX %, at most
    RETRIES times again; say_again hears of each attempt that is measured again. Returns
    every attempt; the last one counts."""
    attempts = []
    for attempt in range(1, retries + 2):
        attempts.append(measure_once(attempt))
        if quiet(attempts[-1].other_pct, other_max):
            break
        if attempt <= retries:
            say_again(attempts[-1])
    return attempts


def measure_once(case, round_number, attempt, context):
    """One wrk run of CASE with its server's CPU and other work, as a row of rows.tsv."""
    wrk_file = f"wrk/{case.name}-round{round_number}-attempt{attempt}.txt"
    pid = context.servers[case.server][1]
    profile = context.jfr_dir is not None and not case.name.startswith("nginx-")
    if profile:
        jcmd(pid, "JFR.start", "name=load", "settings=profile")
    other = OtherWork(context.machine)
    user0, system0 = context.machine.server_ticks(pid)
    result = load(case, context.run["duration_s"], context.run, context.results / wrk_file)
    user1, system1 = context.machine.server_ticks(pid)
    other_share = other.share()
    if profile:
        jcmd(pid, "JFR.stop", "name=load", f"filename={context.jfr_dir}/{case.name}-round{round_number}.jfr")
    user, system = user1 - user0, system1 - system0
    return Row(case.name, round_number, attempt, result.req_per_s, result.requests, user, system,
               context.ticks_per_s, cpu_us_per_req(user, system, context.ticks_per_s, result.requests),
               kernel_pct(user, system), other_share, wrk_file)


def jcmd(pid, *command):
    subprocess.run(["jcmd", str(pid), *command], stdout=subprocess.DEVNULL, check=True)


def row_progress(row):
    return (f"  round {row.round}  {row.case:<22} {float(row.req_per_s):10.0f} req/s {row.cpu_us_per_req:>8} us "
            f"CPU/req ({row.kernel_pct}% kernel), other work {row.other_pct}%")


@dataclass
class Context:
    results: Path
    run: dict
    servers: dict
    machine: Machine
    ticks_per_s: int
    jfr_dir: Path | None = None


def measure_round(cases, round_number, phase, context):
    other_max, retries = context.run["other_max_pct"], int(context.run["retries"])
    for case in cases_of_round(cases, phase, round_number):
        def once(attempt, case=case):
            row = measure_once(case, round_number, attempt, context)
            append_tsv(context.results / "rows.tsv", row)
            say(row_progress(row))
            return row
        until_quiet(once, other_max, retries, lambda _: say(f"  (other work above {other_max}%: again)"))


def warm_seconds(case, phase_seconds):
    return NGINX_WARMUP_S if case.name.startswith("nginx-") else phase_seconds


def warm(cases, phase, run):
    """Load on each case of PHASE: WARMUP s off, a third of it on (nginx: 3 s)."""
    seconds = int(run["warmup_s"]) if phase == "off" else int(run["warmup_s"]) // 3
    for case in (c for c in cases if c.phase == phase):
        time_s = warm_seconds(case, seconds)
        say(f"  warm-up {case.name:<22} {time_s:>3}s")
        load(case, time_s, run)


def http_get(url, accept, timeout=5):
    """Status and body of one GET, redirects not followed."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", parts.path or "/", headers={"Accept": accept})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def check(cases, phase):
    """One request to each case of PHASE answers with the status the case expects."""
    for case in (c for c in cases if c.phase == phase):
        try:
            status, body = http_get(case.url, case.accept)
        except OSError as error:
            raise Failure(f"{case.name}: {case.url} did not answer: {error}") from None
        if str(status) != case.expected_status:
            sys.stderr.write(body[:300].decode(errors="replace"))
            raise Failure(f"{case.name}: {case.url} answered {status}, expected {case.expected_status}")


# --- startup -------------------------------------------------------------------------------


def parse_started(log_text):
    """The X of "Started SampleApplication in X seconds", as printed, or None."""
    match = STARTED.search(log_text)
    return match.group(1) if match else None


def wait_started(process, log):
    for _ in range(int(START_TIMEOUT_S / 0.1)):
        seconds = parse_started(log.read_text(errors="replace"))
        if seconds is not None or process.poll() is not None:
            return seconds
        time.sleep(0.1)
    return None


def stop(process):
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def start_once(command, log, machine):
    """Start COMMAND, read how long it took to start from LOG, and stop it."""
    other = OtherWork(machine)
    with open(log, "w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        seconds = wait_started(process, log)
        other_share = other.share()
    finally:
        stop(process)
    if seconds is None:
        sys.stderr.write("".join(log.read_text(errors="replace").splitlines(keepends=True)[-30:]))
        raise Failure("the application did not start")
    return seconds, other_share


def startups(command, log, results, run, machine):
    """STARTUPS starts with the starter and without it, interleaved, into startups.tsv."""
    without = command + [f"--spring.autoconfigure.exclude={run['startup_exclude']}"]
    for start in range(1, int(run["startups"]) + 1):
        seconds = {}
        for starter, argv in (("with", command), ("without", without)):
            def once(attempt, starter=starter, argv=argv):
                record = Start(start, starter, attempt, *start_once(argv, log, machine))
                append_tsv(results / "startups.tsv", record)
                return record
            attempts = until_quiet(once, run["other_max_pct"], int(run["retries"]),
                                   lambda s: say(f"  (other work {s.other_pct}% during a start: again)"))
            seconds[starter] = attempts[-1].seconds
        say(f"  start {start}  with the starter {seconds['with']}s, without {seconds['without']}s")


# --- the summary ---------------------------------------------------------------------------


def last_attempts(records, key):
    """The last attempt of each key: the one that counts."""
    kept = {}
    for record in records:
        k = key(record)
        if k not in kept or int(record["attempt"]) >= int(kept[k]["attempt"]):
            kept[k] = record
    return kept


def median(values):
    return statistics.median(float(value) for value in values)


def median_text(values):
    """A median as load.sh prints it: the middle value as written, or the mean of the two
    middle ones with up to 6 significant digits."""
    ordered = sorted(values, key=float)
    if len(ordered) % 2:
        return ordered[len(ordered) // 2]
    return f"{median(ordered):.6g}"


def ratio_text(numerator, denominator):
    return f"{numerator / denominator:.3f}"


def verdict(ratio, operator, target):
    """The verdict on the ratio as printed (3 decimals): at the target is met."""
    value, goal = float(ratio), float(target)
    return "met" if (value >= goal if operator == ">=" else value <= goal) else "MISSED"


@dataclass(frozen=True)
class Figures:
    """One case over the rounds: what counts of each round, and the medians."""
    case: str
    req_per_s: list
    median_req_per_s: float
    median_cpu_us_per_req: float
    median_kernel_pct: float
    max_other_pct: str


def case_figures(case, kept, rounds):
    try:
        rows = [kept[(case, n)] for n in rounds]
    except KeyError as missing:
        raise Failure(f"rows.tsv has no row for {missing}") from None
    return Figures(case, [r["req_per_s"] for r in rows], median(r["req_per_s"] for r in rows),
                   median(r["cpu_us_per_req"] for r in rows), median(r["kernel_pct"] for r in rows),
                   max((r["other_pct"] for r in rows), key=float))


def figures_of(cases, rows, rounds):
    kept = last_attempts(rows, lambda r: (r["case"], int(r["round"])))
    return {case: case_figures(case, kept, rounds) for case in cases}


def startup_values(starts):
    """The seconds that count of each start, in start order, with and without the starter."""
    kept = last_attempts(starts, lambda s: (int(s["start"]), s["starter"]))
    return {starter: [kept[k]["seconds"] for k in sorted(kept) if k[1] == starter] for starter in ("with", "without")}


def table_lines(figures, rounds):
    lines = [f"{'case':<22}" + "".join(f" {'round ' + str(n):>9}" for n in rounds)
             + f" {'median':>10} {'server CPU/req':>17} {'other work':>15}"]
    for f in figures.values():
        lines.append(f"{f.case:<22}" + "".join(f" {float(v):9.0f}" for v in f.req_per_s)
                     + f" {f.median_req_per_s:10.0f} req/s {f.median_cpu_us_per_req:6.1f} us "
                       f"({f.median_kernel_pct:2.0f}% kernel) {f.max_other_pct:>8}% max")
    return lines


def startup_lines(values):
    return [f"startup with the starter:    {median_text(values['with'])} s (median of {' '.join(values['with'])})",
            f"startup without the starter: {median_text(values['without'])} s (median of {' '.join(values['without'])})"]


def goal_ratio(goal, figures, startup):
    if goal.metric == "req_per_s":
        return ratio_text(figures[goal.numerator].median_req_per_s, figures[goal.denominator].median_req_per_s)
    if goal.metric == "cpu_us_per_req":
        return ratio_text(figures[goal.numerator].median_cpu_us_per_req,
                          figures[goal.denominator].median_cpu_us_per_req)
    if goal.metric == "startup_s":
        return ratio_text(median(startup[goal.numerator]), median(startup[goal.denominator]))
    raise Failure(f"unknown metric {goal.metric}")


def goal_line(goal, ratio):
    measured = f"{goal.goal} {goal.numerator} / {goal.denominator}"
    return f"{measured:<50} {ratio:>7}  {goal.operator} {goal.target:<5} {verdict(ratio, goal.operator, goal.target)}"


def summary_lines(run, cases, rows, starts, goals):
    """results.txt's summary, from the table of medians to the last goal."""
    rounds = range(1, int(run["rounds"]) + 1)
    figures = figures_of([case.name for case in cases], rows, rounds)
    startup = startup_values(starts)
    lines = [""] + table_lines(figures, rounds) + [""]
    if int(run["startups"]) > 0:
        lines += startup_lines(startup)
    lines += ["", "goal                                               ratio    goal     verdict"]
    for goal in (g for g in goals if g.metric != "startup_s"):
        lines.append(goal_line(goal, goal_ratio(goal, figures, startup)))
    if not flag(run, "poll"):
        lines.append("RETURN-POLL                                        not measurable yet")
    for goal in (g for g in goals if g.metric == "startup_s"):
        lines.append(goal_line(goal, goal_ratio(goal, figures, startup)))
    return lines


def header_lines(run, now):
    return [f"Maintenance mode load test, {time.strftime('%Y-%m-%d %H:%M UTC', now)}",
            f"machine: {run['cores']} cores, {run['memory_gib']} GiB, {run['java']}",
            f"wrk {run['wrk']}, {run['threads']} thread(s) x {run['connections']} connections; "
            f"{run['rounds']} round(s) of {run['duration_s']}s, warm-up {run['warmup_s']}s per application endpoint",
            f"load average at start: {run['load_average_start']}"]


def end_line(load_average, took_s):
    return f"load average at end: {load_average}; took {took_s // 60} min {took_s % 60} s"


def run_goals(run):
    return plan_goals(flag(run, "jetty"), flag(run, "netty"), flag(run, "poll"), int(run["startups"]))


# --- the commands ----------------------------------------------------------------------------


def command_begin(args, results):
    (results / "wrk").mkdir(parents=True, exist_ok=True)
    report(results, header_lines(read_run(results), time.gmtime()), mode="w")
    write_tsv(results / "rows.tsv", Row, [])
    write_tsv(results / "startups.tsv", Start, [])


def command_startups(args, results):
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        raise Failure("startups: no command to start")
    startups(command, Path(args.log), results, read_run(results), Machine())


def command_cases(args, results):
    run = read_run(results)
    ports = {name: port for name, (port, _) in read_servers(args.servers).items()}
    write_tsv(results / "cases.tsv", Case, plan_cases(ports, flag(run, "jetty"), flag(run, "netty"),
                                                     args.poll == "true"))


def command_check(args, results):
    check(read_cases(results), args.phase)


def command_warm(args, results):
    warm(read_cases(results), args.phase, read_run(results))


def command_phases(args, results):
    print(" ".join(phases_of_round(args.round)))


def command_measure(args, results):
    run = read_run(results)
    jfr_dir = Path(args.jfr_dir) if flag(run, "jfr") and args.jfr_dir else None
    context = Context(results, run, read_servers(args.servers), Machine(), os.sysconf("SC_CLK_TCK"), jfr_dir)
    measure_round(read_cases(results), args.round, args.phase, context)


def command_summary(args, results):
    run = read_run(results)
    goals = run_goals(run)
    write_tsv(results / "goals.tsv", Goal, goals)
    starts_path = results / "startups.tsv"
    starts = read_tsv(starts_path) if starts_path.exists() else []
    lines = summary_lines(run, read_cases(results), read_tsv(results / "rows.tsv"), starts, goals)
    report(results, lines + [end_line(Machine().load_average(), args.took_s)])


def parser():
    main_parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                          formatter_class=argparse.RawDescriptionHelpFormatter)
    main_parser.add_argument("--results", required=True, type=Path)
    main_parser.add_argument("--servers", type=Path)
    commands = main_parser.add_subparsers(dest="name", required=True)
    commands.add_parser("begin").set_defaults(run=command_begin)
    startups_parser = commands.add_parser("startups")
    startups_parser.add_argument("log")
    startups_parser.add_argument("command", nargs=argparse.REMAINDER)
    startups_parser.set_defaults(run=command_startups)
    cases_parser = commands.add_parser("cases")
    cases_parser.add_argument("poll", choices=("true", "false"))
    cases_parser.set_defaults(run=command_cases)
    for name, run in (("check", command_check), ("warm", command_warm)):
        phase_parser = commands.add_parser(name)
        phase_parser.add_argument("phase", choices=("on", "off"))
        phase_parser.set_defaults(run=run)
    phases_parser = commands.add_parser("phases")
    phases_parser.add_argument("round", type=int)
    phases_parser.set_defaults(run=command_phases)
    measure_parser = commands.add_parser("measure")
    measure_parser.add_argument("round", type=int)
    measure_parser.add_argument("phase", choices=("on", "off"))
    measure_parser.add_argument("--jfr-dir")
    measure_parser.set_defaults(run=command_measure)
    summary_parser = commands.add_parser("summary")
    summary_parser.add_argument("took_s", type=int)
    summary_parser.set_defaults(run=command_summary)
    return main_parser


def main(argv):
    args = parser().parse_args(argv[1:])
    if args.name in ("cases", "measure") and args.servers is None:
        raise SystemExit(f"loadbench.py: {args.name} needs --servers")
    try:
        args.run(args, args.results)
    except Failure as failure:
        print(f"loadbench.py: {failure}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
