#!/usr/bin/env bash
# HTTP load test on 127.0.0.1: starts the service from the jar, measures cold start (process start -> first card),
# warms it up (60 s per hook, reported, not measured), then drives patient-view and order-select with wrk at rising
# concurrency for a bounded time each, and prints throughput, p50/p99/max latency, errors and the resident memory.
# Results also go to target/load-test.txt.
# The service runs exactly as in production, through bin/lbp-cds-hooks (prepared before the clock starts).
# Usage: [LBP_JAVA_OPTS="..."] [LBP_WARMUP_SECONDS=60] perf/load-test.sh [seconds-per-step]
#        (default 20 s per step after a 60 s warm-up per hook; JVM options: the launcher's default)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
warmup="${LBP_WARMUP_SECONDS:-60}"
port=18080
out=target/load-test.txt
mkdir -p target
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
[ -f target/lbp-cds-hooks.jar ] || mvn -B -ntp -q -DskipTests package

requests=$(mktemp -d)
today=$(date +%F)
# The cauda equina patient (V-09) with its dates moved to today, as patient-view and as an MRI order-select.
shift_days=$(( ( $(date -d "$today" +%s) - $(date -d 2026-11-23 +%s) ) / 86400 ))
python3 - "$shift_days" "$requests" <<'PY'
import json, re, sys, datetime
shift, out = int(sys.argv[1]), sys.argv[2]
text = open('src/test/resources/vignettes/cauda-equina-saddle-anaesthesia-mri-order-select/request.json').read()
text = re.sub(r'\d{4}-\d{2}-\d{2}', lambda m: (datetime.date.fromisoformat(m.group()) + datetime.timedelta(days=shift)).isoformat(), text)
order_select = json.loads(text)
open(out + '/order-select.json', 'w').write(json.dumps(order_select))
patient_view = json.loads(text)
patient_view['hook'] = 'patient-view'
del patient_view['context']['selections'], patient_view['context']['draftOrders']
open(out + '/patient-view.json', 'w').write(json.dumps(patient_view))
PY

log=$(mktemp)
bin/lbp-cds-hooks --prepare
started=$(date +%s%N)
bin/lbp-cds-hooks --spring.profiles.active=demo --server.port=$port \
  --server.address=127.0.0.1 --lbp.data-dir="$requests/data" --logging.level.lbp.access=WARN >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$requests"' EXIT
# Wait for the port with bash's own /dev/tcp (no process per poll competing with the starting JVM for the two
# cores; the port opens after the warm-up), then ask for the first card.
until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
  kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.02
done
until curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary @"$requests/patient-view.json" "http://127.0.0.1:$port/cds-services/lbp-patient-view" | grep -q 200; do
  kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.02
done
first_card_ms=$(( ( $(date +%s%N) - started ) / 1000000 ))
spring_started=$(grep -o 'Started LbpCdsHooksApplication in [0-9.]* seconds' "$log" | grep -o '[0-9.]* seconds' || echo "?")

{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
  echo "cold start: process start -> first card ${first_card_ms} ms (Spring reported started in ${spring_started})"
  echo "jvm options: $(tr '\0' ' ' < /proc/$pid/cmdline | sed 's/ -jar .*//')"
} | tee "$out"

for hook in patient-view order-select; do
  cat > "$requests/$hook.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$requests/$hook.json", "r"); wrk.body = f:read("*a"); f:close()
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %.1f %.2f %.2f %.2f %d %d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
LUA
done

# Warm-up, reported but not measured: the JIT needs a minute or two under load before the engine's hot code runs
# compiled by C2 (the launcher raises the C2 thresholds for a faster start), so every measured step below runs on a
# warmed-up service and the steps are comparable with each other.
for hook in patient-view order-select; do
  rps=$(wrk -t2 -c4 -d${warmup}s --timeout 5s -s "$requests/$hook.lua" "http://127.0.0.1:$port/cds-services/lbp-$hook" \
    | awk '/^RESULT/ {print $3}')
  echo "warm-up $hook: ${warmup} s at 4 connections, ${rps} req/s (not measured)" | tee -a "$out"
done

for hook in patient-view order-select; do
  for connections in 1 4 8 16 32; do
    threads=$(( connections < 2 ? 1 : 2 ))
    line=$(wrk -t$threads -c$connections -d${seconds}s --timeout 5s -s "$requests/$hook.lua" \
      "http://127.0.0.1:$port/cds-services/lbp-$hook" | grep '^RESULT')
    read -r _ total rps p50 p99 max errors non2xx <<<"$line"
    printf 'load %-12s connections=%-3s requests=%-7s throughput=%8s req/s p50=%7s ms p99=%7s ms max=%8s ms errors=%s\n' \
      "$hook" "$connections" "$total" "$rps" "$p50" "$p99" "$max" "$errors" | tee -a "$out"
  done
done
rss_mb=$(( $(ps -o rss= -p $pid) / 1024 ))
echo "resident memory after load: ${rss_mb} MB" | tee -a "$out"
