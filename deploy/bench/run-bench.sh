#!/usr/bin/env bash
# Benchmarks the embedded stack: start-up time and RSS, submission-to-dashboard latency (p50/p95/p99/max)
# and batch throughput. Starts deploy/local/target/spmonitor-local.jar as its own process on free ports
# with a temporary data directory (never ./data). Options: deploy/bench/run-bench.sh --help.
# Results and how to read them: docs/benchmarks.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/deploy/local/target/spmonitor-local.jar"

if [[ ! -f "$jar" || ! -d "$root/deploy/local/target/lib" ]]; then
  echo "building the local stack first: ./mvnw -q -B -DskipTests install" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests install)
fi

# the load generator is small; the stack's own JVM flags: --stack-jvm-flags="..."
exec java ${JAVA_OPTS:--Xmx256m -XX:+UseSerialGC} -cp "$jar" org.spmonitor.local.bench.BenchRun --jar="$jar" "$@"
