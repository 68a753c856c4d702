#!/usr/bin/env bash
# Scenario-lab throughput: the networked model at the sizes the lab is built for.
#
#   bench/lab.sh
#
# Builds the release binary (bench/common.sh), then times with /usr/bin/time:
#   sync   RUNS runs of 10^4 agents × 10^3 steps, synchronous updating
#          (every agent revises every step), target < 3 min on 2 cores;
#   async  RUNS runs of 10^5 agents × 10^3 steps, asynchronous revision at
#          rate 0.1, summaries only, target < 6 min and peak RSS < 500 MB.
# RUNS defaults to 1000; THREADS (default: all cores) sets the workers. Both
# runs use nice -n 19 because the machine is shared. For each it prints wall
# seconds, peak RSS, individual choices and nanoseconds per choice (wall-clock
# for the whole machine, and wall × threads / choices, which is the cost per
# core only when the workers had their cores to themselves) and the load
# average before and after, since the machine may be shared. The single-thread
# cost of the kernel alone is measured by
# `cargo run --release -p policyscope-lab --example kernel -- sync 10000 1000 3`.
set -euo pipefail
. "$(dirname "$0")/common.sh"
runs="${RUNS:-1000}"
threads="${THREADS:-$(nproc)}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

spec() { # name n update
  cat > "$scratch/$1.toml" <<TOML
[experiment]
id = "bench-$1"
model = "netchoice"
master_seed = 1
replicates = $runs
[base]
n = $2
k = 3
steps = 1000
update = "$3"
tau = 0.5
beta = 1.5
blocs = [{ name = "home", share = 0.3, rate = 0.1 }, { name = "rival", share = 0.7, rate = 0.1 }]
graph = { kind = "sbm", mean_degree = 8, kappa = 0.1 }
[[base.policy]]
kind = "subsidy"
bloc = "home"
standard = 0
t_on = 50
duration = 100
strength = 1.0
TOML
}

measure() { # name
  local out="$scratch/out-$1"
  echo "$1: load before $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "%e %M" -o "$scratch/time-$1" \
    nice -n 19 "$ps" --json lab run --spec "$scratch/$1.toml" --out "$out" --threads "$threads" > "$scratch/run-$1.json"
  read -r wall rss_kb < "$scratch/time-$1"
  python3 - "$1" "$wall" "$rss_kb" "$threads" "$scratch/run-$1.json" <<'PY'
import json, sys
name, wall, rss, threads, path = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
r = json.load(open(path))
u = r["updates"]
print(f"{name:5}  runs {r['runs']}  wall {wall:.1f} s  peak RSS {rss/1024:.0f} MB  choices {u:.3e}  "
      f"{wall*1e9/u:.2f} ns/choice (machine)  {wall*threads*1e9/u:.2f} ns/choice (wall x {threads} threads)")
PY
  echo "$1: load after $(cut -d' ' -f1-3 /proc/loadavg)"
}

spec sync 10000 sync
spec async 100000 async
echo "lab benchmark: $runs runs per workload, $threads threads, $(date -u +%FT%TZ)"
measure sync
measure async
