#!/bin/bash
# Maglev disruption and agreement figures for the load balancer (bundles/lb, edgebox.lb.maglev.DisruptionFigures):
# for 3, 10 and 100 backends and each table size, one backend goes; printed per row: the share of 1,000,000 new
# flows that change backend (ideal 1/N, aim <= 1/N + 1 %), the established flows on the remaining backends that
# move once the connection table holds them (aim 0), and the share of flows two boxes that built their tables
# apart send to the same backend (aim >= 99 %).
#   bench/lb/disruption.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd -P)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
module="$root/bundles/lb"

mkdir -p "$module/target"
if ! mvn -B -q -f "$root/pom.xml" -pl bundles/lb -am test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath >"$module/target/disruption-build.log" 2>&1; then
    cat "$module/target/disruption-build.log"
    exit 1
fi
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "command: bench/lb/disruption.sh"
"$JAVA_HOME/bin/java" -Xmx2g -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/jmh.classpath")" \
    edgebox.lb.maglev.DisruptionFigures
