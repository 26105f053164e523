#!/usr/bin/env python3
"""Propagation between running instances of the sample application, measured from outside.

Usage: maintenance-benchmarks/propagation.py [--instances 2,4] [--toggles 50]
                                             [--stores redis,postgresql,mariadb,file]
                                             [--jar PATH] [--results DIR]

For each store and each number of instances N, starts N processes of the sample's jar
(java -jar, on 127.0.0.1, ports from 18180) on one shared store of their own (a fresh
Redis key and channel, database table or file), waits until each is up, and then
switches maintenance on and off through the first instance TOGGLES times each, at random
moments (0 to 1 s apart, so that changes land anywhere in a poller's cycle). After each
POST or DELETE has returned, every other instance is asked GET /api/notes (Accept:
application/json) in a loop until it answers as the new state says (503 on, 200 off);
the time from the response of the change to that first answer is one sample.

Prints, per store and N, the median and the maximum of the samples for "on" and "off",
as a Markdown table, and writes every sample to DIR/samples.tsv, the table to
DIR/results.md and each instance's log to DIR. The services are the machine's own
(Redis 127.0.0.1:6379; PostgreSQL 127.0.0.1:5432 database test, user postgres, trust;
MariaDB 127.0.0.1:3306 database test, user root, no password); the JDBC stores keep their
default settings (PostgreSQL with notifications, MariaDB and the file polling every
second), the Redis store its pub/sub.
"""

import argparse
import base64
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
ADMIN = "Basic " + base64.b64encode(b"admin:change-me").decode()


def store_arguments(store, run_id, work):
    table = "maintenance_state_propagation_" + run_id.replace("-", "")[:12]
    if store == "redis":
        return ["--maintenance.store.type=redis",
                f"--maintenance.store.redis.key=maintenance-propagation:{run_id}:state",
                f"--maintenance.store.redis.channel=maintenance-propagation:{run_id}:changes"]
    if store == "postgresql":
        return ["--maintenance.store.type=jdbc",
                f"--spring.datasource.url=jdbc:postgresql://{HOST}:5432/test",
                "--spring.datasource.username=postgres",
                "--maintenance.store.jdbc.initialize-schema=always",
                f"--maintenance.store.jdbc.table-name={table}"]
    if store == "mariadb":
        return ["--maintenance.store.type=jdbc",
                f"--spring.datasource.url=jdbc:mariadb://{HOST}:3306/test",
                "--spring.datasource.username=root",
                "--maintenance.store.jdbc.initialize-schema=always",
                f"--maintenance.store.jdbc.table-name={table}"]
    if store == "file":
        return ["--maintenance.store.type=file", f"--maintenance.store.file.path={work}/MAINTENANCE-{run_id}"]
    raise SystemExit(f"unknown store {store}")


def request(port, method, path, body=None, headers=None, timeout=10):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def wait_up(port, process, log):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"instance on port {port} exited; see {log}")
        try:
            if request(port, "GET", "/actuator/health/liveness", timeout=2) == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"instance on port {port} did not start; see {log}")


def change(port, on):
    if on:
        body = json.dumps({"enabled": True, "reason": "Propagation"})
        status = request(port, "POST", "/actuator/maintenance", body,
                         {"Authorization": ADMIN, "Content-Type": "application/json"})
    else:
        status = request(port, "DELETE", "/actuator/maintenance", None, {"Authorization": ADMIN})
    if status != 200:
        raise SystemExit(f"the change answered {status}")


def first_answer(port, expected, since, results, index):
    while True:
        try:
            status = request(port, "GET", "/api/notes", headers={"Accept": "application/json"}, timeout=5)
        except OSError:
            continue
        if status == expected:
            results[index] = time.monotonic() - since
            return
        if time.monotonic() - since > 30:
            results[index] = None
            return


def measure(store, instances, toggles, jar, results_dir, port_base):
    run_id = uuid.uuid4().hex[:12]
    work = tempfile.mkdtemp(prefix="maintenance-propagation-")
    ports = [port_base + i for i in range(instances)]
    processes = []
    try:
        for port in ports:
            log = results_dir / f"{store}-{instances}-{port}.log"
            processes.append(subprocess.Popen(
                ["java", "-jar", str(jar), f"--server.port={port}", f"--server.address={HOST}"]
                + store_arguments(store, run_id, work),
                stdout=open(log, "w"), stderr=subprocess.STDOUT))
        for port, process in zip(ports, processes):
            wait_up(port, process, results_dir / f"{store}-{instances}-{port}.log")
        samples = []
        on = False
        for toggle in range(2 * toggles):
            time.sleep(random.uniform(0, 1))
            on = not on
            change(ports[0], on)
            since = time.monotonic()
            found = [None] * (instances - 1)
            watchers = [threading.Thread(target=first_answer, args=(port, 503 if on else 200, since, found, i))
                        for i, port in enumerate(ports[1:])]
            for watcher in watchers:
                watcher.start()
            for watcher in watchers:
                watcher.join()
            for i, seconds in enumerate(found):
                if seconds is None:
                    raise SystemExit(f"{store}, {instances} instances: port {ports[i + 1]} never saw the change")
                samples.append(("on" if on else "off", toggle // 2 + 1, ports[i + 1], seconds))
        return samples
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()


def table_row(store, instances, toggles, samples):
    """The row of the results table: median and maximum of the samples, on and off, in ms."""
    cells = [store, str(instances), str(toggles)]
    for direction in ("on", "off"):
        ms = [seconds * 1000 for d, _, _, seconds in samples if d == direction]
        cells += [f"{statistics.median(ms):,.0f} ms", f"{max(ms):,.0f} ms"]
    return "| " + " | ".join(cells) + " |"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--instances", default="2,4")
    parser.add_argument("--toggles", type=int, default=50)
    parser.add_argument("--stores", default="redis,postgresql,mariadb,file")
    parser.add_argument("--jar", default=str(ROOT / "maintenance-sample-app/target/maintenance-sample-app.jar"))
    parser.add_argument("--results", default=None)
    parser.add_argument("--port-base", type=int, default=18180)
    args = parser.parse_args()
    jar = Path(args.jar)
    if not jar.exists():
        raise SystemExit(f"{jar} is missing: mvn -q -pl maintenance-sample-app -am package -DskipTests")
    results_dir = Path(args.results or ROOT / "maintenance-benchmarks/results"
                       / (time.strftime("%Y-%m-%d", time.gmtime()) + "-java-maven-svc-propagation"))
    results_dir.mkdir(parents=True, exist_ok=True)
    rows = ["| store | instances | toggles | on: median | on: max | off: median | off: max |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    with open(results_dir / "samples.tsv", "w") as out:
        out.write("store\tinstances\tdirection\ttoggle\tport\tms\n")
        for store in args.stores.split(","):
            for instances in (int(n) for n in args.instances.split(",")):
                print(f"{store}, {instances} instances ...", file=sys.stderr, flush=True)
                samples = measure(store, instances, args.toggles, jar, results_dir, args.port_base)
                for direction, toggle, port, seconds in samples:
                    out.write(f"{store}\t{instances}\t{direction}\t{toggle}\t{port}\t{seconds * 1000:.1f}\n")
                out.flush()
                rows.append(table_row(store, instances, args.toggles, samples))
                print(rows[-1], file=sys.stderr, flush=True)
    table = "\n".join(rows)
    (results_dir / "results.md").write_text(
        f"Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, jar {jar.name}\n\n"
        + table + "\n")
    print(table)


if __name__ == "__main__":
    main()
