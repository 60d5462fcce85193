#!/usr/bin/env bash
# Runs issue 7's faults against the embedded stack under a steady load of beneficiary count submissions
# and prints submitted, published and visible counts per fault and in total; exits 1 unless they are
# equal after every fault. Own temporary data directory and free ports: never touches ./data or a
# running stack. Options: deploy/chaos/run-chaos.sh --help (details in deploy/chaos/README.md).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/deploy/local/target/spmonitor-local.jar"

if [[ ! -f "$jar" || ! -d "$root/deploy/local/target/lib" ]]; then
  echo "building the local stack first: ./mvnw -q -B -DskipTests install" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests install)
fi

# a bounded heap keeps the stack and the load inside 1.5 GiB; override with JAVA_OPTS
exec java ${JAVA_OPTS:--Xmx1g -XX:+UseSerialGC} -cp "$jar" org.spmonitor.local.chaos.ChaosRun "$@"
