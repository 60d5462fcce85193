#!/usr/bin/env bash
# Benchmarks the embedded stack: start-up time and RSS, the raw limits of its broker and Mongo-wire server,
# submission-to-dashboard latency (p50/p95/p99/max), batch throughput, a large CSV import across many
# countries, a large read model loaded onto the topic, a replay of it into a new generation, and latency on
# that read model; then a markdown summary. Starts deploy/local/target/spmonitor-local.jar (or --jar=...) as
# its own process on free ports with a temporary data directory (never ./data), deleted afterwards.
# Phases and options: deploy/bench/run-bench.sh --help. Results and how to read them: docs/benchmarks.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/deploy/local/target/spmonitor-local.jar"

if [[ ! -f "$jar" || ! -d "$root/deploy/local/target/lib" ]]; then
  echo "building the local stack first: ./mvnw -q -B -DskipTests package" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests package)
fi

# the command line, quoted so that it can be pasted again, for the summary
command="deploy/bench/run-bench.sh"
for arg in "$@"; do
  if [[ "$arg" =~ ^[A-Za-z0-9_./=,:+-]*$ ]]; then command+=" $arg"; else command+=" $(printf '%q' "$arg")"; fi
done
export SPMONITOR_BENCH_COMMAND="$command"
# the load generator is small; the stack's own JVM flags: --stack-jvm-flags="..."
exec java ${JAVA_OPTS:--Xmx256m -XX:+UseSerialGC} -Dlogback.configurationFile="$root/deploy/bench/logback.xml" -cp "$jar" org.spmonitor.local.bench.BenchRun --jar="$jar" "$@"
