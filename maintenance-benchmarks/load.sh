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
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
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
TICKS_PER_SECOND=$(getconf CLK_TCK)
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
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- everything started here is stopped on exit, Ctrl-C included ----------------------

PIDS=()
WORK=$(mktemp -d /tmp/maintenance-load.XXXXXX)
chmod 755 "$WORK" # nginx workers read the pages as an unprivileged user

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

# --- tools and jars ---------------------------------------------------------------------

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
	log "Installing ${missing[*]}"
	as_root apt-get update -q
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "${missing[@]}"
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
command -v java >/dev/null || die "java is not installed"

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
mkdir -p "$RESULTS/wrk"
if $JFR; then mkdir -p "$JFR_DIR"; fi
OUT=$RESULTS/results.txt
: >"$OUT"
ROWS=$RESULTS/rows.tsv
printf 'case\tround\tattempt\treq_per_s\trequests\tuser_ticks\tsystem_ticks\tticks_per_s\tcpu_us_per_req\tkernel_pct\tother_pct\twrk_output\n' >"$ROWS"
STARTUPS_TSV=$RESULTS/startups.tsv
printf 'start\tstarter\tattempt\tseconds\tother_pct\n' >"$STARTUPS_TSV"

# --- applications and nginx -------------------------------------------------------------

# start_app NAME JAR PORT [ARG...]: start the sample application and wait until it is up
start_app() {
	local name=$1 jar=$2 port=$3
	shift 3
	# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
	java $JAVA_OPTS -jar "$jar" --server.port="$port" --server.address=$HOST "$@" \
		>"$WORK/$name.log" 2>&1 &
	local pid=$!
	PIDS+=("$pid")
	SERVER[$name]=$pid
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
	SERVER[nginx-close]=$!
	SERVER[nginx-keepalive]=$!
	for _ in $(seq 1 50); do
		curl -s -o /dev/null --max-time 1 "http://$HOST:$NGINX_CLOSE_PORT/html" && return 0
		sleep 0.1
	done
	die "nginx did not start"
}

# --- measuring --------------------------------------------------------------------------

declare -A URL ACCEPT EXPECT RPS CPU SYS OTHER SERVER
# case NAME URL ACCEPT EXPECTED-STATUS
define() { URL[$1]=$2 ACCEPT[$1]=$3 EXPECT[$1]=$4; }
TOMCAT=http://$HOST:$TOMCAT_PORT
JETTY_URL=http://$HOST:$JETTY_PORT
define tomcat.off "$TOMCAT/api/job-runs" application/json 200
define tomcat-nofilter.off "http://$HOST:$NOFILTER_PORT/api/job-runs" application/json 200
define tomcat.html "$TOMCAT/api/notes" text/html 503
define tomcat.json "$TOMCAT/api/notes" application/json 503
define tomcat.poll "$TOMCAT/maintenance-assets/status" application/json 200
define nginx-close.html "http://$HOST:$NGINX_CLOSE_PORT/html" text/html 503
define nginx-close.json "http://$HOST:$NGINX_CLOSE_PORT/json" application/json 503
define jetty.off "$JETTY_URL/api/job-runs" application/json 200
define jetty.html "$JETTY_URL/api/notes" text/html 503
define jetty.json "$JETTY_URL/api/notes" application/json 503
define jetty.poll "$JETTY_URL/maintenance-assets/status" application/json 200
NETTY_URL=http://$HOST:$NETTY_PORT
define netty.off "$NETTY_URL/api/job-runs" application/json 200
define netty-nofilter.off "http://$HOST:$NETTY_NOFILTER_PORT/api/job-runs" application/json 200
define netty.html "$NETTY_URL/api/notes" text/html 503
define netty.json "$NETTY_URL/api/notes" application/json 503
define netty.poll "$NETTY_URL/maintenance-assets/status" application/json 200
define nginx-keepalive.html "http://$HOST:$NGINX_KEEPALIVE_PORT/html" text/html 503
define nginx-keepalive.json "http://$HOST:$NGINX_KEEPALIVE_PORT/json" application/json 503

check() { # check CASE: one request answers as the case expects
	local status
	status=$(curl -s -o "$WORK/check.out" -w '%{http_code}' --max-time 5 -H "Accept: ${ACCEPT[$1]}" "${URL[$1]}")
	if [ "$status" != "${EXPECT[$1]}" ]; then
		head -c 300 "$WORK/check.out" >&2
		die "$1: ${URL[$1]} answered $status, expected ${EXPECT[$1]}"
	fi
}

# load CASE SECONDS [FILE]: print requests per second and requests; keep wrk's output in FILE
load() {
	local output rps non2xx
	output=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${2}s" --timeout 5s -H "Accept: ${ACCEPT[$1]}" "${URL[$1]}")
	if [ -n "${3:-}" ]; then printf '%s\n' "$output" >"$3"; fi
	rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$output")
	[ -n "$rps" ] || die "$1: wrk printed no result: $output"
	non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' <<<"$output")
	if [ "${EXPECT[$1]}" = 200 ] && [ -n "$non2xx" ]; then
		die "$1: $non2xx responses were not 2xx"
	fi
	echo "$rps $(awk '/requests in/ { print $1 }' <<<"$output")"
}

# machine_ticks: clock ticks of all CPUs so far
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }

# other_ticks FILE: write the clock ticks used so far by each user process outside this
# script's process group (kernel threads left out; processes come and go meanwhile)
GROUP=$(ps -o pgid= $$ | tr -d ' ')
other_ticks() {
	{ cat /proc/[0-9]*/stat 2>/dev/null || true; } | sed 's/^\([0-9]*\) (.*) /\1 /' |
		awk -v group="$GROUP" '$1 != 2 && $3 != 2 && $4 != group { print $1, $13 + $14 }' >"$1"
}

# other_share TOTAL-TICKS: percent of the machine that other processes used since other_ticks
# wrote $WORK/other.before
other_share() {
	other_ticks "$WORK/other.after"
	awk -v total="$1" 'NR == FNR { before[$1] = $2; next } { used += $2 - before[$1] }
		END { printf "%.0f", (total > 0 && used > 0) ? 100 * used / total : 0 }' "$WORK/other.before" "$WORK/other.after"
}

# cpu_ticks PID...: user and system clock ticks used so far by the processes and their children
cpu_ticks() {
	local pid user=0 system=0 u s all=("$@") children
	for pid in "$@"; do
		mapfile -t children < <(pgrep -P "$pid" || true)
		all+=("${children[@]}")
	done
	for pid in "${all[@]}"; do
		read -r u s < <(sed 's/.*) //' "/proc/$pid/stat" | awk '{ print $12, $13 }')
		user=$((user + u))
		system=$((system + s))
	done
	echo "$user $system"
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

# the cases of one phase, in the order of a round; even rounds run them backwards
OFF_CASES=(tomcat.off tomcat-nofilter.off)
ON_CASES=(tomcat.html nginx-close.html tomcat.json nginx-close.json)
POLL=false
if $JETTY; then OFF_CASES+=(jetty.off); fi
if $NETTY; then OFF_CASES+=(netty.off netty-nofilter.off); fi
# each nginx case between the cases it is compared with
for kind in html json; do
	if $JETTY; then ON_CASES+=("jetty.$kind"); fi
	if $JETTY || $NETTY; then ON_CASES+=("nginx-keepalive.$kind"); fi
	if $NETTY; then ON_CASES+=("netty.$kind"); fi
done

phase() { # phase on|off
	maintenance "$1" "$TOMCAT_PORT"
	if $JETTY; then maintenance "$1" "$JETTY_PORT"; fi
	if $NETTY; then maintenance "$1" "$NETTY_PORT"; fi
}

# measure CASE ROUND ATTEMPT: requests per second, the server's CPU per request and the share
# of the machine that other processes used meanwhile, appended to rows.tsv
measure() {
	local name=$1 round=$2 attempt=$3 result rps requests user0 system0 user1 system1 total0 total1 server
	local wrk_file=wrk/$name-round$round-attempt$attempt.txt
	server=${SERVER[${name%%.*}]}
	if $JFR && [[ $name != nginx-* ]]; then
		jcmd "$server" JFR.start name=load settings=profile >/dev/null
	fi
	other_ticks "$WORK/other.before"
	total0=$(machine_ticks)
	read -r user0 system0 < <(cpu_ticks "$server")
	result=$(load "$name" "$DURATION" "$RESULTS/$wrk_file")
	read -r user1 system1 < <(cpu_ticks "$server")
	total1=$(machine_ticks)
	if $JFR && [[ $name != nginx-* ]]; then
		jcmd "$server" JFR.stop name=load filename="$JFR_DIR/$name-round$round.jfr" >/dev/null
	fi
	read -r rps requests <<<"$result"
	local used=$((user1 + system1 - user0 - system0))
	RPS[$name:$round]=$rps
	CPU[$name:$round]=$(awk -v t=$used -v n="$requests" -v hz="$TICKS_PER_SECOND" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')
	SYS[$name:$round]=$(awk -v s=$((system1 - system0)) -v t=$used 'BEGIN { printf "%.0f", (t > 0) ? 100 * s / t : 0 }')
	OTHER[$name:$round]=$(other_share $((total1 - total0)))
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$round" "$attempt" "$rps" "$requests" \
		$((user1 - user0)) $((system1 - system0)) "$TICKS_PER_SECOND" "${CPU[$name:$round]}" "${SYS[$name:$round]}" \
		"${OTHER[$name:$round]}" "$wrk_file" >>"$ROWS"
	printf '  round %s  %-22s %10.0f req/s %8s us CPU/req (%s%% kernel), other work %s%%\n' "$round" "$name" \
		"$rps" "${CPU[$name:$round]}" "${SYS[$name:$round]}" "${OTHER[$name:$round]}" >&2
}

quiet() { awk -v o="$1" -v m="$OTHER_MAX" 'BEGIN { exit !(o <= m) }'; }

run_cases() { # run_cases ROUND CASE...: measure each case, again when other work disturbed it
	local round=$1 name attempt
	shift
	for name in "$@"; do
		for attempt in $(seq 0 "$RETRIES"); do
			measure "$name" "$round" $((attempt + 1))
			quiet "${OTHER[$name:$round]}" && break
			if [ "$attempt" -lt "$RETRIES" ]; then echo "  (other work above ${OTHER_MAX}%: again)" >&2; fi
		done
	done
}

reversed() { local i; for ((i = $# ; i > 0 ; i--)); do echo "${!i}"; done; }

# --- startup ------------------------------------------------------------------------------

STARTED_IN=""
STARTED_OTHER=0
start_once() { # start_once [ARG...]: start, read "Started ... in X seconds" into STARTED_IN, stop
	local logfile=$WORK/startup.log pid total0
	STARTED_IN=""
	other_ticks "$WORK/other.before"
	total0=$(machine_ticks)
	# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
	java $JAVA_OPTS -jar "$WORK/tomcat.jar" --server.port="$STARTUP_PORT" --server.address=$HOST "$@" \
		>"$logfile" 2>&1 &
	pid=$!
	PIDS+=("$pid")
	for _ in $(seq 1 1200); do
		STARTED_IN=$(sed -n 's/.*Started SampleApplication in \([0-9.]*\) seconds.*/\1/p' "$logfile")
		[ -n "$STARTED_IN" ] && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	STARTED_OTHER=$(other_share $(($(machine_ticks) - total0)))
	stop_pid "$pid"
	if [ -z "$STARTED_IN" ]; then
		tail -30 "$logfile" >&2
		die "the application did not start"
	fi
}

startup() { # startup START with|without [ARG...]: start_once, again when other work disturbed it
	local attempt start=$1 starter=$2
	shift 2
	for attempt in $(seq 0 "$RETRIES"); do
		start_once "$@"
		printf '%s\t%s\t%s\t%s\t%s\n' "$start" "$starter" $((attempt + 1)) "$STARTED_IN" "$STARTED_OTHER" >>"$STARTUPS_TSV"
		quiet "$STARTED_OTHER" && return 0
		if [ "$attempt" -lt "$RETRIES" ]; then echo "  (other work ${STARTED_OTHER}% during a start: again)" >&2; fi
	done
}

# ------------------------------------------------------------------------------------------

{
	echo "Maintenance mode load test, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1)"
	echo "wrk $(wrk -v 2>&1 | head -1 | awk '{ print $2 }'), $THREADS thread(s) x $CONNECTIONS connections; $ROUNDS round(s) of ${DURATION}s, warm-up ${WARMUP}s per application endpoint"
	echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$OUT"

meta() { printf '%s\t%s\n' "$1" "$2" >>"$RESULTS/run.tsv"; }
printf 'key\tvalue\n' >"$RESULTS/run.tsv"
meta started "$RUN_STARTED"
meta machine "$MACHINE"
meta cores "$(nproc)"
meta cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
meta memory_gib "$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)"
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

log "STARTUP: $STARTUPS starts each, interleaved"
EXCLUDE=$(grep -v '^\s*#' "$IMPORTS" | grep -v '^\s*$' | paste -sd, -)
meta startup_exclude "$EXCLUDE"
STARTED_WITH=()
STARTED_WITHOUT=()
for i in $(seq 1 "$STARTUPS"); do
	startup "$i" with
	STARTED_WITH+=("$STARTED_IN")
	startup "$i" without --spring.autoconfigure.exclude="$EXCLUDE"
	STARTED_WITHOUT+=("$STARTED_IN")
	printf '  start %s  with the starter %ss, without %ss\n' "$i" "${STARTED_WITH[-1]}" "$STARTED_IN" >&2
done

log "Starting the applications and nginx"
start_app tomcat "$WORK/tomcat.jar" "$TOMCAT_PORT"
start_app tomcat-nofilter "$WORK/tomcat.jar" "$NOFILTER_PORT" --maintenance.filter.enabled=false
if $JETTY; then start_app jetty "$WORK/jetty.jar" "$JETTY_PORT"; fi
if $NETTY; then
	start_app netty "$WORK/netty.jar" "$NETTY_PORT"
	start_app netty-nofilter "$WORK/netty.jar" "$NETTY_NOFILTER_PORT" --maintenance.filter.enabled=false
fi

phase on
curl -s --max-time 5 -H 'Accept: text/html' "$TOMCAT/api/notes" >"$WORK/nginx-page.html" || true
curl -s --max-time 5 -H 'Accept: application/json' "$TOMCAT/api/notes" >"$WORK/nginx-page.json" || true
POLL_BODY=$(curl -s --max-time 5 "$TOMCAT/maintenance-assets/status" || true)
if [[ $POLL_BODY == *'"active":true'* ]]; then
	POLL=true
	ON_CASES+=(tomcat.poll)
	if $JETTY; then ON_CASES+=(jetty.poll); fi
	if $NETTY; then ON_CASES+=(netty.poll); fi
else
	echo "RETURN-POLL: GET /maintenance-assets/status does not answer {\"active\":true,...} yet; not measurable" | tee -a "$OUT"
fi
start_nginx
mv "$WORK/nginx-page.html" "$WORK/nginx/www/maintenance.html"
mv "$WORK/nginx-page.json" "$WORK/nginx/www/maintenance.json"
chmod a+r "$WORK/nginx/www/"*
for name in "${ON_CASES[@]}"; do check "$name"; done
phase off
for name in "${OFF_CASES[@]}"; do check "$name"; done
echo "page sizes: HTML $(wc -c <"$WORK/nginx/www/maintenance.html") bytes, JSON $(wc -c <"$WORK/nginx/www/maintenance.json") bytes (nginx serves the same bytes)" | tee -a "$OUT"
meta page_html_bytes "$(wc -c <"$WORK/nginx/www/maintenance.html")"
meta page_json_bytes "$(wc -c <"$WORK/nginx/www/maintenance.json")"
meta poll "$POLL"

log "Warm-up: ${WARMUP}s on each application endpoint, $((WARMUP / 3))s on each response of the filter"
ALL_CASES=("${OFF_CASES[@]}" "${ON_CASES[@]}")
printf 'case\tphase\turl\taccept\texpected_status\n' >"$RESULTS/cases.tsv"
for name in "${ALL_CASES[@]}"; do
	phase_of=on
	[[ $name == *.off ]] && phase_of=off
	printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$phase_of" "${URL[$name]}" "${ACCEPT[$name]}" "${EXPECT[$name]}" >>"$RESULTS/cases.tsv"
done
warm() { # warm SECONDS CASE...
	local seconds=$1 name time
	shift
	for name in "$@"; do
		time=$seconds
		if [[ $name == nginx-* ]]; then time=3; fi
		printf '  warm-up %-22s %3ss\n' "$name" "$time" >&2
		load "$name" "$time" >/dev/null
	done
}
warm "$WARMUP" "${OFF_CASES[@]}"
phase on
warm "$((WARMUP / 3))" "${ON_CASES[@]}"

for round in $(seq 1 "$ROUNDS"); do
	log "Round $round of $ROUNDS"
	if ((round % 2)); then
		phase off
		run_cases "$round" "${OFF_CASES[@]}"
		phase on
		run_cases "$round" "${ON_CASES[@]}"
	else
		phase on
		mapfile -t cases < <(reversed "${ON_CASES[@]}")
		run_cases "$round" "${cases[@]}"
		phase off
		mapfile -t cases < <(reversed "${OFF_CASES[@]}")
		run_cases "$round" "${cases[@]}"
	fi
done
phase off

# --- results ------------------------------------------------------------------------------

declare -A MEDIAN MEDIAN_CPU MEDIAN_SYS MAX_OTHER
for name in "${ALL_CASES[@]}"; do
	values=() cpu=() sys=() other=()
	for round in $(seq 1 "$ROUNDS"); do
		values+=("${RPS[$name:$round]}")
		cpu+=("${CPU[$name:$round]}")
		sys+=("${SYS[$name:$round]}")
		other+=("${OTHER[$name:$round]}")
	done
	MAX_OTHER[$name]=$(printf '%s\n' "${other[@]}" | sort -g | tail -1)
	MEDIAN[$name]=$(median "${values[@]}")
	MEDIAN_CPU[$name]=$(median "${cpu[@]}")
	MEDIAN_SYS[$name]=$(median "${sys[@]}")
done
{
	echo
	printf '%-22s' "case"
	for round in $(seq 1 "$ROUNDS"); do printf ' %9s' "round $round"; done
	printf ' %10s %17s %15s\n' "median" "server CPU/req" "other work"
	for name in "${ALL_CASES[@]}"; do
		printf '%-22s' "$name"
		for round in $(seq 1 "$ROUNDS"); do printf ' %9.0f' "${RPS[$name:$round]}"; done
		printf ' %10.0f req/s %6.1f us (%2.0f%% kernel) %8s%% max\n' "${MEDIAN[$name]}" "${MEDIAN_CPU[$name]}" \
			"${MEDIAN_SYS[$name]}" "${MAX_OTHER[$name]}"
	done
	echo
	if [ "$STARTUPS" -gt 0 ]; then
		printf 'startup with the starter:    %s s (median of %s)\n' "$(median "${STARTED_WITH[@]}")" "${STARTED_WITH[*]}"
		printf 'startup without the starter: %s s (median of %s)\n' "$(median "${STARTED_WITHOUT[@]}")" "${STARTED_WITHOUT[*]}"
	fi
	echo
	echo "goal                                               ratio    goal     verdict"
} | tee -a "$OUT"

# goal LABEL METRIC NUMERATOR DENOMINATOR OPERATOR TARGET: print the ratio of the medians and
# its verdict, and record the goal in goals.tsv (METRIC: req_per_s, cpu_us_per_req, or
# startup_s with the starter "with" / "without")
GOALS=$RESULTS/goals.tsv
printf 'goal\tmetric\tnumerator\tdenominator\toperator\ttarget\n' >"$GOALS"
goal() {
	local label=$1 metric=$2 a=$3 b=$4 op=$5 target=$6 r ok
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$metric" "$a" "$b" "$op" "$target" >>"$GOALS"
	case $metric in
	req_per_s) r=$(ratio "${MEDIAN[$a]}" "${MEDIAN[$b]}") ;;
	cpu_us_per_req) r=$(ratio "${MEDIAN_CPU[$a]}" "${MEDIAN_CPU[$b]}") ;;
	startup_s) r=$(ratio "$(median "${STARTED_WITH[@]}")" "$(median "${STARTED_WITHOUT[@]}")") ;;
	esac
	ok=$(awk -v r="$r" -v g="$target" -v op="$op" 'BEGIN { print (op == ">=" ? r >= g : r <= g) ? "met" : "MISSED" }')
	printf '%-50s %7s  %s %-5s %s\n' "$label $a / $b" "$r" "$op" "$target" "$ok" | tee -a "$OUT"
}
goal OFF-OVERHEAD req_per_s tomcat.off tomcat-nofilter.off ">=" 0.98
# CPU per request without the filter / with it: above 1 when the filter saves CPU
goal "OFF-OVERHEAD CPU" cpu_us_per_req tomcat-nofilter.off tomcat.off ">=" 0.98
goal ON-SPEED req_per_s tomcat.html nginx-close.html ">=" 0.8
goal ON-SPEED req_per_s tomcat.json nginx-close.json ">=" 0.8
if $JETTY; then
	goal ON-SPEED req_per_s jetty.html nginx-keepalive.html ">=" 0.8
	goal ON-SPEED req_per_s jetty.json nginx-keepalive.json ">=" 0.8
	goal ON-SPEED req_per_s jetty.html jetty.off ">=" 1.5
	goal ON-SPEED req_per_s jetty.json jetty.off ">=" 1.5
fi
if $NETTY; then
	goal OFF-OVERHEAD req_per_s netty.off netty-nofilter.off ">=" 0.98
	goal "OFF-OVERHEAD CPU" cpu_us_per_req netty-nofilter.off netty.off ">=" 0.98
	goal ON-SPEED req_per_s netty.html nginx-keepalive.html ">=" 0.8
	goal ON-SPEED req_per_s netty.json nginx-keepalive.json ">=" 0.8
	goal ON-SPEED req_per_s netty.html netty.off ">=" 1.5
	goal ON-SPEED req_per_s netty.json netty.off ">=" 1.5
fi
if $POLL; then
	goal RETURN-POLL req_per_s tomcat.poll tomcat.off ">=" 1.5
	if $JETTY; then goal RETURN-POLL req_per_s jetty.poll jetty.off ">=" 1.5; fi
	if $NETTY; then goal RETURN-POLL req_per_s netty.poll netty.off ">=" 1.5; fi
else
	echo "RETURN-POLL                                        not measurable yet" | tee -a "$OUT"
fi
if [ "$STARTUPS" -gt 0 ]; then goal STARTUP startup_s with without "<=" 1.05; fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); took $((SECONDS / 60)) min $((SECONDS % 60)) s" | tee -a "$OUT"
meta load_average_end "$(cut -d' ' -f1-3 /proc/loadavg)"
meta took_s "$SECONDS"
meta finished "$(date -u '+%Y-%m-%d %H:%M UTC')"
echo "results: $RESULTS (tables: maintenance-benchmarks/load-table.py $RESULTS)" >&2
