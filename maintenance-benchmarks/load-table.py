#!/usr/bin/env python3
"""Print the Markdown tables of BENCHMARKS.md section 2 from one run of load.sh.

Usage: maintenance-benchmarks/load-table.py DIR

DIR is a results directory written by maintenance-benchmarks/load.sh, for instance
maintenance-benchmarks/results/2026-12-01-java-maven-svc-load. Only its files are read:
run.tsv (date, machine, settings), cases.tsv (the cases, in the order of the table),
rows.tsv (one row per case, round and attempt), startups.tsv (every start) and goals.tsv
(the goals listed at the top of load.sh, as that run checked them). When a case was
measured again because other work disturbed it, the last attempt of that case and round
is the one that counts, as in load.sh's own summary; the medians and ratios are computed
the same way as there, so the two agree.

Verdicts: "met" or "missed"; "missed (narrowly)" when the ratio is within 5 % of the goal,
which is less than the round-to-round noise of this load test.
"""

import statistics
import sys
from pathlib import Path

# the results are read as load.sh's measuring program wrote them
from loadbench import last_attempts, read_tsv

DESCRIPTIONS = {
    "tomcat.off": "`GET /api/job-runs`, maintenance off",
    "tomcat-nofilter.off": "same, `maintenance.filter.enabled=false`",
    "jetty.off": "Jetty, `GET /api/job-runs`, maintenance off",
    "tomcat.html": "`GET /api/notes`, `Accept: text/html`, maintenance on",
    "nginx-close.html": "static 503, `keepalive_timeout 0`",
    "tomcat.json": "`Accept: application/json`",
    "nginx-close.json": None,
    "jetty.html": None,
    "nginx-keepalive.html": "static 503, keep-alive",
    "jetty.json": None,
    "nginx-keepalive.json": None,
    "tomcat.poll": "`GET /maintenance-assets/status`, maintenance on",
    "jetty.poll": None,
    "netty.off": "WebFlux sample on Netty, `GET /api/job-runs`, maintenance off",
    "netty-nofilter.off": "same, `maintenance.filter.enabled=false`",
    "netty.html": None,
    "netty.json": None,
    "netty.poll": None,
}
SERVERS = {"tomcat": "Tomcat", "jetty": "Jetty", "netty": "Netty"}
KINDS = {"html": "HTML", "json": "JSON"}
NARROW = 0.05


def number(value, decimals=0):
    return f"{value:,.{decimals}f}"


def plural(n, word):
    return f"{n} {word}" + ("" if n == 1 else "s")


def ratio_text(value):
    return f"{value:.3f}"


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    run_dir = Path(argv[1])
    run = {r["key"]: r["value"] for r in read_tsv(run_dir / "run.tsv")}
    cases = [r["case"] for r in read_tsv(run_dir / "cases.tsv")]
    all_rows = read_tsv(run_dir / "rows.tsv")
    rows = last_attempts(all_rows, lambda r: (r["case"], int(r["round"])))
    rounds = sorted({int(r["round"]) for r in all_rows})
    goals = read_tsv(run_dir / "goals.tsv")
    startup_path = run_dir / "startups.tsv"
    startup_rows = read_tsv(startup_path) if startup_path.exists() else []
    starts = last_attempts(startup_rows, lambda r: (int(r["start"]), r["starter"]))

    other_max = float(run["other_max_pct"])
    median_rps, median_cpu = {}, {}
    lines = []

    # --- the run ---------------------------------------------------------------------
    again = len(all_rows) - len(rows)
    disturbed = sum(1 for r in rows.values() if float(r["other_pct"]) > other_max)
    quick = " (`--quick`)" if run.get("quick") == "true" else ""
    lines.append(
        f"Run of {run['started']}{quick} on `{run['machine']}` ({run['cores']} cores, {run['cpu']}, "
        f"{run['memory_gib']} GiB, {run['os']}, Linux {run['kernel']}; {run['java']}"
        f"{', ' + run['java_opts'] if run.get('java_opts') else ''}; wrk {run['wrk']}, nginx {run['nginx']}; "
        f"commit `{run['commit']}`), finished {run.get('finished', '(not finished)')}: "
        f"{plural(len(rounds), 'round')} of {run['duration_s']} s per case after a warm-up of "
        f"{run['warmup_s']} s per application endpoint, `wrk -t{run['threads']} -c{run['connections']}`. "
        f"Load average {run['load_average_start'].split()[0]} at the start"
        f"{', ' + run['load_average_end'].split()[0] + ' at the end' if 'load_average_end' in run else ''}; "
        f"{again} of {len(all_rows)} measurements were repeated because other work took more than "
        f"{run['other_max_pct']} % of the machine (at most {plural(int(run['retries']), 'time')} each), and "
        f"{disturbed} of the {len(rows)} that count still had more."
    )
    lines.append("")

    # --- per case --------------------------------------------------------------------
    head = ["case"] + [f"round {n}" for n in rounds] + ["median req/s", "server CPU per request", "other work (max)"]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("| --- | " + " | ".join(["---:"] * len(rounds)) + " | ---: | --- | ---: |")
    for case in cases:
        kept = [rows[(case, n)] for n in rounds if (case, n) in rows]
        if not kept:
            continue
        rps = [float(r["req_per_s"]) for r in kept]
        cpu = [float(r["cpu_us_per_req"]) for r in kept]
        kernel = [float(r["kernel_pct"]) for r in kept]
        other = max(float(r["other_pct"]) for r in kept)
        repeated = sum(1 for r in all_rows if r["case"] == case) - len(kept)
        median_rps[case] = statistics.median(rps)
        median_cpu[case] = statistics.median(cpu)
        description = DESCRIPTIONS.get(case)
        name = f"`{case}`" + (f" ({description})" if description else "")
        cells = [name] + [number(v) for v in rps]
        cells.append(f"**{number(median_rps[case])}**")
        cells.append(f"{median_cpu[case]:.1f} µs ({statistics.median(kernel):.0f} % kernel)")
        cells.append(f"{other:.0f} %" + (f", {repeated}× again" if repeated else ""))
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")

    # --- startup ---------------------------------------------------------------------
    startup = {}
    if starts:
        n_starts = len({k[0] for k in starts})
        excluded = [c for c in run.get("startup_exclude", "").split(",") if c]
        for starter in ("with", "without"):
            values = [starts[k]["seconds"] for k in sorted(starts) if k[1] == starter]
            startup[starter] = (values, statistics.median(float(v) for v in values))
        with_values, with_median = startup["with"]
        without_values, without_median = startup["without"]
        lines.append(
            f'Startup, "Started SampleApplication in X seconds", {plural(n_starts, "start")} each, interleaved: '
            f"with the starter {', '.join(with_values)} s (median **{with_median:.3f} s**); "
            f"with its {len(excluded)} auto-configurations excluded (`--spring.autoconfigure.exclude=` "
            f"the classes of the starter's `AutoConfiguration.imports`) {', '.join(without_values)} s "
            f"(median **{without_median:.3f} s**)."
        )
        lines.append("")

    # --- against the goals -----------------------------------------------------------
    lines.append("### Against the goals")
    lines.append("")
    lines.append("| goal | measured | ratio | goal | verdict |")
    lines.append("| --- | --- | ---: | --- | --- |")
    for g in goals:
        a, b, metric, target = g["numerator"], g["denominator"], g["metric"], float(g["target"])
        label = g["goal"]
        if metric == "req_per_s":
            value = round(median_rps[a] / median_rps[b], 3)
            measured = f"`{a}` / `{b}`"
            server, kind = a.split(".")
            if label == "OFF-OVERHEAD" and server in SERVERS:
                label += f", {SERVERS[server]}"
            if label in ("ON-SPEED", "RETURN-POLL") and server in SERVERS:
                if b.startswith("nginx"):
                    label += f", {SERVERS[server]}, {KINDS.get(kind, kind)}"
                elif label == "ON-SPEED":
                    label += f", {SERVERS[server]} vs its own endpoint, {KINDS.get(kind, kind)}"
                else:
                    label += f", {SERVERS[server]}"
        elif metric == "cpu_us_per_req":
            value = round(median_cpu[a] / median_cpu[b], 3)
            server = b.split(".")[0]
            label = f"OFF-OVERHEAD, CPU, {SERVERS.get(server, server)}"
            measured = "CPU per request without / with the filter"
        elif metric == "startup_s":
            if not startup:
                continue
            value = round(startup[a][1] / startup[b][1], 3)
            measured = "median with / without the starter"
        else:
            raise SystemExit(f"unknown metric {metric} in goals.tsv")
        shown = ratio_text(value)
        if metric == "startup_s":
            shown += f" ({(value - 1) * 100:+.1f} %)"
        met = value >= target if g["operator"] == ">=" else value <= target
        verdict = "**met**" if met else "**missed**"
        if not met and abs(value / target - 1) <= NARROW:
            verdict += " (narrowly)"
        op = "≥" if g["operator"] == ">=" else "≤"
        lines.append(f"| {label} | {measured} | {shown} | {op} {g['target']} | {verdict} |")
    if run.get("poll") == "false":
        lines.append("| RETURN-POLL | `GET /maintenance-assets/status` | | ≥ 1.5 | not measurable |")

    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
