#!/bin/bash
# Coverage-guided fuzzing of the DNS query path with Jazzer (libFuzzer on the JVM), millions of inputs.
#   bench/dns/fuzz.sh              RUNS (5000000) inputs or SECONDS_LIMIT seconds (0: none), whichever ends first
# Target: edgebox.dns.cache.QueryPathFuzzer (bundles/dns test sources): bytes parsed as a query and as an upstream
# reply (DnsWire, dnsjava), the cache key, the TTL wire walker (checked against dnsjava), storing the answer and
# building replies from it. dnsjava and edgebox.dns are instrumented. The corpus is kept in
# bundles/dns/target/fuzz-corpus between runs; a finding leaves crash-* and a Java reproducer in bundles/dns/target/fuzz.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd -P)
runs=${RUNS:-5000000}
seconds=${SECONDS_LIMIT:-0}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
module="$root/bundles/dns"

mvn -q -f "$module" test-compile -Dmaven.test.skip.exec=true
mvn -q -f "$module" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$module/target/fuzz.classpath"
mkdir -p "$module/target/fuzz" "$module/target/fuzz-corpus"
cd "$module/target/fuzz"
start=$(date +%s)
set +e
"$JAVA_HOME/bin/java" -Xmx1g -XX:+EnableDynamicAgentLoading -XX:-OmitStackTraceInFastThrow \
    -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/fuzz.classpath")" \
    com.code_intelligence.jazzer.Jazzer \
    --target_class=edgebox.dns.cache.QueryPathFuzzer \
    --instrumentation_includes='edgebox.dns.**:org.xbill.DNS.**' \
    -runs="$runs" -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1 \
    "$module/target/fuzz-corpus" 2>&1 | grep -v '^INFO: Instrumented\|NEW \|REDUCE \|pulse ' | tail -n 40
status=${PIPESTATUS[0]}
set -e
echo "fuzz: exit $status after $(($(date +%s) - start)) s; corpus $(ls "$module/target/fuzz-corpus" | wc -l) inputs"
exit "$status"
