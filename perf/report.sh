#!/usr/bin/env bash
# Regenerates docs/performance.md from the two measurement commands:
#   mvn -B -ntp -DskipTests -Pbenchmark verify   (JMH, target/jmh-result.json)
#   perf/load-test.sh                             (cold start + HTTP load, target/load-test.txt)
# Usage: perf/report.sh [--run]   (--run executes both first)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--run" ]; then
  mvn -B -ntp -q -DskipTests -Pbenchmark verify
  perf/load-test.sh
fi
python3 perf/render-report.py target/jmh-result.json target/load-test.txt > docs/performance.md
echo "wrote docs/performance.md"
