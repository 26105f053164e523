#!/usr/bin/env bash
# Runs the allocation-free cases and the refused request of two builds of the
# benchmarks jar side by side, interleaved, and writes JMH's JSON for each run:
#   compare.sh OLD.jar NEW.jar RESULTS_DIR [ROUNDS]
# then: python3 compare.py RESULTS_DIR
set -euo pipefail
old=$1 new=$2 out=$3 rounds=${4:-3}
mkdir -p "$out"
for round in $(seq 1 "$rounds"); do
	for side in old new; do
		jar=$old
		[ "$side" = new ] && jar=$new
		java -jar "$jar" -f 1 -wi 3 -i 3 -w 1s -r 1s -prof gc -rf json -rff "$out/ab-$side-$round.json" \
			'MaintenanceOffBenchmark.passThrough|MaintenanceOnBenchmark.refusedAfterEveryRule|MaintenanceResponseBenchmark.refusedRequest' \
			>"$out/ab-$side-$round.log" 2>&1
	done
done
