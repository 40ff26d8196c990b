#!/bin/bash
# JMH figures for compiled policy verdicts (bundles/policy, edgebox.policy.compile.VerdictBenchmark) at 10, 1000
# and 10000 rules over 64 backend Services and 16 CIDR groups (nanoseconds per verdict):
#   verdict           PolicyTable.verdict: an IPv4 client, a backend identity, TCP and a port
#   verdictSampled    the same in batches of 16, SampleTime mode: percentiles (p0.99 is the aim's p99)
#   bench/policy/verdict.sh               a short run: 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement
#   bench/policy/verdict.sh -f 3 -i 10 ... with arguments: JMH runs with these instead (org.openjdk.jmh.Main -h lists them)
# Prints the date, the machine (nproc, load average), the command and JMH's table.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd -P)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
module="$root/bundles/policy"

mkdir -p "$module/target"
# In the reactor (api resolves to bundles/api/target/classes): nothing is installed into the local repository.
if ! mvn -B -q -f "$root/pom.xml" -pl bundles/policy -am test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath >"$module/target/jmh-verdict-build.log" 2>&1; then
    cat "$module/target/jmh-verdict-build.log"
    exit 1
fi

if [ $# -eq 0 ]; then set -- -f 1 -wi 3 -w 1s -i 5 -r 1s; fi
args=("$@" 'edgebox.policy.compile.VerdictBenchmark')
command=("$JAVA_HOME/bin/java" -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/jmh.classpath")"
         org.openjdk.jmh.Main "${args[@]}")
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "command: JMH ${args[*]}"
log="$module/target/jmh-verdict.log"
"${command[@]}" >"$log" 2>&1 || { tail -n 30 "$log"; exit 1; }
sed -n '/^Benchmark /,$p' "$log"
