#!/usr/bin/env bash
# Load test of the maintenance filter in the sample application, on 127.0.0.1 only.
#
# Measures, side by side in one run, with interleaved rounds after a warm-up, the median
# of ROUNDS rounds of each case (wrk, THREADS threads x CONNECTIONS connections):
#   OFF-OVERHEAD  GET /api/job-runs, maintenance off, filter registered vs
#                 maintenance.filter.enabled=false                          goal >= 0.98
#   ON-SPEED      maintenance responses (HTML and problem JSON) vs nginx serving the same
#                 bytes with status 503: Tomcat vs nginx closing every connection, Jetty
#                 vs nginx with keep-alive                                  goal >= 0.8
#                 and Jetty's maintenance responses vs its /api/job-runs with
#                 maintenance off                                           goal >= 1.5
#                 The reactive sample on Netty (maintenance-sample-webflux) has the same
#                 cases: its off overhead against itself with the filter disabled, its
#                 maintenance responses against nginx with keep-alive and against its
#                 own /api/job-runs, and its return poll
#   RETURN-POLL   GET /maintenance-assets/status during maintenance vs /api/job-runs with
#                 maintenance off                                           goal >= 1.5
#   STARTUP       "Started ... in X seconds", starter's auto-configurations excluded vs
#                 included, median of STARTUPS starts each                  goal <= +5%
#
# Usage: maintenance-benchmarks/load.sh [--quick] [--build] [--no-jetty] [--no-netty] [--jfr]
#   --quick     smoke check: 1 round of 3 s, short warm-up, 1 start each
#   --build     rebuild the sample applications' jars first (otherwise only when missing)
#   --no-jetty  skip the Jetty cases
#   --no-netty  skip the Netty (WebFlux) cases
#   --jfr       record a JFR profile of each application's case and round, in JFR_DIR
#               (it costs a little throughput: not for the figures);
#               summarize one with maintenance-benchmarks/jfr-profile.py FILE
# Environment (defaults fit in about 15 minutes):
#   DURATION=12 seconds per case and round
#   WARMUP=45   seconds of load on each endpoint that runs the application (a third of it
#               on each response that the filter answers itself, which shares most code)
#   ROUNDS=3    STARTUPS=5    CONNECTIONS=32    THREADS=1    PORT_BASE=18080
#   NGINX_WORKERS=auto    JAVA_OPTS=
#   MACHINE=java-maven-svc  the kind of machine, part of the results directory's name
#   RESULTS=maintenance-benchmarks/results/<UTC date>-<MACHINE>-load (-quick with --quick;
#               -2, -3... when it exists): the run's raw output, to be committed with the
#               figures that come from it. It holds run.tsv (date, machine, settings),
#               cases.tsv, goals.tsv (the goals above), rows.tsv (one row per case, round and
#               attempt: req/s, requests, the server's user and kernel clock ticks, CPU per
#               request, kernel share, other work, the wrk output file; the last attempt of a
#               case and round is the one that counts), wrk/ (wrk's raw output of every
#               measurement), startups.tsv (every start), results.txt (this script's
#               summary) and the applications' logs. maintenance-benchmarks/load-table.py
#               DIR prints the Markdown tables of BENCHMARKS.md from these files alone.
#   JFR_DIR=maintenance-benchmarks/target/jfr/<the results directory's name>  (--jfr)
#   OTHER_MAX=10 RETRIES=2  a case (or a start) during which other processes kept more than
#               OTHER_MAX % of the machine busy is measured again, at most RETRIES times
#               (the machine is shared); the table shows the most other work seen per case
#
# This script starts and stops the processes (the applications, nginx) and switches
# maintenance on and off; maintenance-benchmarks/loadbench.py does the measuring (wrk,
# /proc), the retries, the medians and the verdicts, and writes the files above. It needs
# java, wrk, nginx, curl and python3: .ci/run installs them on Debian.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOADBENCH=$ROOT/maintenance-benchmarks/loadbench.py
QUICK=false
BUILD=false
JETTY=true
NETTY=true
JFR=false
for arg in "$@"; do
	case $arg in
	--quick) QUICK=true ;;
	--build) BUILD=true ;;
	--no-jetty) JETTY=false ;;
	--no-netty) NETTY=false ;;
	--jfr) JFR=true ;;
	-h | --help)
		sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "Unknown option: $arg (try --help)" >&2
		exit 2
		;;
	esac
done
if $QUICK; then
	DURATION=${DURATION:-3}
	WARMUP=${WARMUP:-6}
	ROUNDS=${ROUNDS:-1}
	STARTUPS=${STARTUPS:-1}
fi
DURATION=${DURATION:-12}
WARMUP=${WARMUP:-45}
ROUNDS=${ROUNDS:-3}
STARTUPS=${STARTUPS:-5}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
PORT_BASE=${PORT_BASE:-18080}
NGINX_WORKERS=${NGINX_WORKERS:-auto}
JAVA_OPTS=${JAVA_OPTS:-}
MACHINE=${MACHINE:-java-maven-svc}
RUN_STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
if [ -z "${RESULTS:-}" ]; then
	RESULTS=$ROOT/maintenance-benchmarks/results/$(date -u +%Y-%m-%d)-$MACHINE-load
	if $QUICK; then RESULTS=$RESULTS-quick; fi
	if [ -e "$RESULTS" ]; then
		n=2
		while [ -e "$RESULTS-$n" ]; do n=$((n + 1)); done
		RESULTS=$RESULTS-$n
	fi
fi
JFR_DIR=${JFR_DIR:-$ROOT/maintenance-benchmarks/target/jfr/$(basename "$RESULTS")}
OTHER_MAX=${OTHER_MAX:-10}
RETRIES=${RETRIES:-2}

HOST=127.0.0.1
TOMCAT_PORT=$PORT_BASE
NOFILTER_PORT=$((PORT_BASE + 1))
JETTY_PORT=$((PORT_BASE + 2))
NGINX_CLOSE_PORT=$((PORT_BASE + 3))
NGINX_KEEPALIVE_PORT=$((PORT_BASE + 4))
STARTUP_PORT=$((PORT_BASE + 5))
NETTY_PORT=$((PORT_BASE + 6))
NETTY_NOFILTER_PORT=$((PORT_BASE + 7))
ADMIN=admin:change-me
APP_DIR=$ROOT/maintenance-sample-app
TOMCAT_JAR=$APP_DIR/target/maintenance-sample-app.jar
JETTY_JAR=$APP_DIR/target/maintenance-sample-app-jetty.jar
NETTY_JAR=$ROOT/maintenance-sample-webflux/target/maintenance-sample-webflux.jar
IMPORTS=$ROOT/maintenance-spring-boot-starter/src/main/resources/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports

log() { printf '\n== %s\n' "$*" >&2; }
die() {
	printf 'load.sh: %s\n' "$*" >&2
	exit 1
}

# --- tools ------------------------------------------------------------------------------

missing=() packages=()
need() { # need COMMAND DEBIAN-PACKAGE
	if ! command -v "$1" >/dev/null && ! [ -x "/usr/sbin/$1" ]; then
		missing+=("$1")
		packages+=("$2")
	fi
}
need java openjdk-17-jdk-headless
need wrk wrk
need nginx nginx
need curl curl
need python3 python3
if [ ${#missing[@]} -gt 0 ]; then
	printf 'load.sh: not installed: %s (.ci/run installs them, or: apt-get install %s)\n' "${missing[*]}" "${packages[*]}" >&2
	exit 2
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# --- everything started here is stopped on exit, Ctrl-C included ----------------------

PIDS=()
WORK=$(mktemp -d /tmp/maintenance-load.XXXXXX)
chmod 755 "$WORK" # nginx workers read the pages as an unprivileged user
# the servers started, for loadbench.py: the cases' ports and the processes to measure
SERVERS=$WORK/servers.tsv
printf 'server\tport\tpid\n' >"$SERVERS"

stop_pid() {
	local pid=$1
	kill "$pid" 2>/dev/null || return 0
	for _ in $(seq 1 100); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
	trap - EXIT INT TERM
	for pid in "${PIDS[@]}"; do
		stop_pid "$pid"
	done
	if [ -d "${RESULTS:-}" ]; then cp "$WORK"/*.log "$RESULTS/" 2>/dev/null || true; fi
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

bench() { python3 "$LOADBENCH" --results "$RESULTS" --servers "$SERVERS" "$@"; }

# --- ports and jars ---------------------------------------------------------------------

for port in $TOMCAT_PORT $NOFILTER_PORT $JETTY_PORT $NGINX_CLOSE_PORT $NGINX_KEEPALIVE_PORT $STARTUP_PORT \
	$NETTY_PORT $NETTY_NOFILTER_PORT; do
	if curl -s -o /dev/null --max-time 1 "http://$HOST:$port/"; then
		die "port $port is in use; choose other ports with PORT_BASE"
	fi
done

build() { # build MODULE [ARG...]
	local module=$1
	shift
	log "Building $module $*"
	# only the jar is needed (with the modules it uses): neither the tests nor the formatting check
	(cd "$ROOT" && mvn -B -q -pl "$module" -am package -Dmaven.test.skip=true -Dspring-javaformat.skip=true "$@")
}
if $BUILD || [ ! -f "$TOMCAT_JAR" ]; then build maintenance-sample-app; fi
if $JETTY && { $BUILD || [ ! -f "$JETTY_JAR" ]; }; then build maintenance-sample-app -P jetty; fi
if $NETTY && { $BUILD || [ ! -f "$NETTY_JAR" ]; }; then build maintenance-sample-webflux; fi
# copies, so that a build running meanwhile cannot change what is measured
cp "$TOMCAT_JAR" "$WORK/tomcat.jar"
if $JETTY; then cp "$JETTY_JAR" "$WORK/jetty.jar"; fi
if $NETTY; then cp "$NETTY_JAR" "$WORK/netty.jar"; fi
mkdir -p "$RESULTS"
if $JFR; then mkdir -p "$JFR_DIR"; fi
OUT=$RESULTS/results.txt

# --- applications and nginx -------------------------------------------------------------

server() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$SERVERS"; } # server NAME PORT PID

# start_app NAME JAR PORT [ARG...]: start the sample application and wait until it is up
start_app() {
	local name=$1 jar=$2 port=$3
	shift 3
	# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
	java $JAVA_OPTS -jar "$jar" --server.port="$port" --server.address=$HOST "$@" \
		>"$WORK/$name.log" 2>&1 &
	local pid=$!
	PIDS+=("$pid")
	server "$name" "$port" "$pid"
	for _ in $(seq 1 240); do
		if curl -fs -o /dev/null --max-time 2 "http://$HOST:$port/actuator/health/liveness"; then
			return 0
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	tail -30 "$WORK/$name.log" >&2
	die "$name did not start"
}

maintenance() { # maintenance on|off PORT
	if [ "$1" = on ]; then
		curl -fsS -o /dev/null --max-time 10 -u "$ADMIN" -H 'Content-Type: application/json' \
			-d '{"enabled":true,"reason":"Database upgrade"}' "http://$HOST:$2/actuator/maintenance"
	else
		curl -fsS -o /dev/null --max-time 10 -u "$ADMIN" -X DELETE "http://$HOST:$2/actuator/maintenance"
	fi
}

phase() { # phase on|off
	maintenance "$1" "$TOMCAT_PORT"
	if $JETTY; then maintenance "$1" "$JETTY_PORT"; fi
	if $NETTY; then maintenance "$1" "$NETTY_PORT"; fi
}

start_nginx() {
	mkdir -p "$WORK/nginx/www" "$WORK/nginx/tmp"
	chmod -R a+rX "$WORK/nginx"
	local common
	common="add_header Retry-After 300 always; add_header Cache-Control no-store always;
		add_header Vary Accept always; root $WORK/nginx/www;
		location = /html { error_page 503 /maintenance.html; return 503; }
		location = /json { error_page 503 /maintenance.json; return 503; }
		location = /maintenance.html { internal; }
		location = /maintenance.json { internal; default_type application/problem+json; }"
	cat >"$WORK/nginx/nginx.conf" <<-EOF
		worker_processes $NGINX_WORKERS;
		daemon off;
		pid $WORK/nginx/nginx.pid;
		error_log $WORK/nginx/error.log warn;
		events { worker_connections 4096; }
		http {
		  access_log off;
		  server_tokens off;
		  types { text/html html; application/problem+json json; }
		  client_body_temp_path $WORK/nginx/tmp/body;
		  proxy_temp_path $WORK/nginx/tmp/proxy;
		  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
		  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
		  scgi_temp_path $WORK/nginx/tmp/scgi;
		  server { listen $HOST:$NGINX_CLOSE_PORT; keepalive_timeout 0; $common }
		  server { listen $HOST:$NGINX_KEEPALIVE_PORT; keepalive_timeout 75s; keepalive_requests 1000000; $common }
		}
	EOF
	"$NGINX" -t -q -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" ||
		die "nginx rejected its configuration"
	"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
	PIDS+=("$!")
	server nginx-close "$NGINX_CLOSE_PORT" "$!"
	server nginx-keepalive "$NGINX_KEEPALIVE_PORT" "$!"
	for _ in $(seq 1 50); do
		curl -s -o /dev/null --max-time 1 "http://$HOST:$NGINX_CLOSE_PORT/html" && return 0
		sleep 0.1
	done
	die "nginx did not start"
}

# --- the run: its settings first, which loadbench.py reads --------------------------------

meta() { printf '%s\t%s\n' "$1" "$2" >>"$RESULTS/run.tsv"; }
printf 'key\tvalue\n' >"$RESULTS/run.tsv"
meta started "$RUN_STARTED"
meta machine "$MACHINE"
meta cores "$(nproc)"
meta cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
meta memory_gib "$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)"
# shellcheck source=/dev/null # the machine's, not this repository's
meta os "$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
meta kernel "$(uname -r)"
meta java "$(java -version 2>&1 | head -1)"
meta java_opts "$JAVA_OPTS"
meta wrk "$(wrk -v 2>&1 | head -1 | awk '{ print $2 }')"
meta nginx "$("$NGINX" -v 2>&1 | sed 's/.*nginx\///')"
meta commit "$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
meta threads "$THREADS"
meta connections "$CONNECTIONS"
meta rounds "$ROUNDS"
meta duration_s "$DURATION"
meta warmup_s "$WARMUP"
meta startups "$STARTUPS"
meta other_max_pct "$OTHER_MAX"
meta retries "$RETRIES"
meta nginx_workers "$NGINX_WORKERS"
meta jetty "$JETTY"
meta netty "$NETTY"
meta jfr "$JFR"
meta quick "$QUICK"
meta load_average_start "$(cut -d' ' -f1-3 /proc/loadavg)"
bench begin

log "STARTUP: $STARTUPS starts each, interleaved"
meta startup_exclude "$(grep -v '^\s*#' "$IMPORTS" | grep -v '^\s*$' | paste -sd, -)"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
bench startups "$WORK/startup.log" -- \
	java $JAVA_OPTS -jar "$WORK/tomcat.jar" --server.port="$STARTUP_PORT" --server.address=$HOST

log "Starting the applications and nginx"
start_app tomcat "$WORK/tomcat.jar" "$TOMCAT_PORT"
start_app tomcat-nofilter "$WORK/tomcat.jar" "$NOFILTER_PORT" --maintenance.filter.enabled=false
if $JETTY; then start_app jetty "$WORK/jetty.jar" "$JETTY_PORT"; fi
if $NETTY; then
	start_app netty "$WORK/netty.jar" "$NETTY_PORT"
	start_app netty-nofilter "$WORK/netty.jar" "$NETTY_NOFILTER_PORT" --maintenance.filter.enabled=false
fi

phase on
TOMCAT=http://$HOST:$TOMCAT_PORT
curl -s --max-time 5 -H 'Accept: text/html' "$TOMCAT/api/notes" >"$WORK/nginx-page.html" || true
curl -s --max-time 5 -H 'Accept: application/json' "$TOMCAT/api/notes" >"$WORK/nginx-page.json" || true
POLL_BODY=$(curl -s --max-time 5 "$TOMCAT/maintenance-assets/status" || true)
if [[ $POLL_BODY == *'"active":true'* ]]; then
	POLL=true
else
	POLL=false
	echo "RETURN-POLL: GET /maintenance-assets/status does not answer {\"active\":true,...} yet; not measurable" | tee -a "$OUT"
fi
start_nginx
mv "$WORK/nginx-page.html" "$WORK/nginx/www/maintenance.html"
mv "$WORK/nginx-page.json" "$WORK/nginx/www/maintenance.json"
chmod a+r "$WORK/nginx/www/"*
bench cases "$POLL"
bench check on
phase off
bench check off
echo "page sizes: HTML $(wc -c <"$WORK/nginx/www/maintenance.html") bytes, JSON $(wc -c <"$WORK/nginx/www/maintenance.json") bytes (nginx serves the same bytes)" | tee -a "$OUT"
meta page_html_bytes "$(wc -c <"$WORK/nginx/www/maintenance.html")"
meta page_json_bytes "$(wc -c <"$WORK/nginx/www/maintenance.json")"
meta poll "$POLL"

log "Warm-up: ${WARMUP}s on each application endpoint, $((WARMUP / 3))s on each response of the filter"
bench warm off
phase on
bench warm on

for round in $(seq 1 "$ROUNDS"); do
	log "Round $round of $ROUNDS"
	phases=$(bench phases "$round")
	for phase_of_round in $phases; do
		phase "$phase_of_round"
		bench measure "$round" "$phase_of_round" --jfr-dir "$JFR_DIR"
	done
done
phase off

bench summary "$SECONDS"
meta load_average_end "$(cut -d' ' -f1-3 /proc/loadavg)"
meta took_s "$SECONDS"
meta finished "$(date -u '+%Y-%m-%d %H:%M UTC')"
echo "results: $RESULTS (tables: maintenance-benchmarks/load-table.py $RESULTS)" >&2
