#!/bin/bash
# Runs a JMH benchmark, or a plain program, from a module's test sources, built in the reactor (api and the other
# modules resolve to their target/classes: nothing is installed into the local repository).
#   bench/jmh.sh MODULE CLASS [JMH arguments]    e.g. bench/jmh.sh bundles/lb edgebox.lb.maglev.MaglevBenchmark
#                                                without arguments: 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement
#   bench/jmh.sh --main MODULE CLASS [arguments] the class's main(), with the module's test class path
# Prints the date, the machine (nproc, load average), the command and JMH's table (or the program's output).
set -euo pipefail

main=false
if [ "${1:-}" = "--main" ]; then main=true; shift; fi
if [ $# -lt 2 ]; then
    echo "usage: bench/jmh.sh [--main] MODULE CLASS [arguments]" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd -P)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
module="$root/$1"
class=$2
shift 2
name=${class##*.}

mkdir -p "$module/target"
if ! mvn -B -q -f "$root/pom.xml" -pl "${module#"$root"/}" -am test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath >"$module/target/$name-build.log" 2>&1; then
    cat "$module/target/$name-build.log"
    exit 1
fi
classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/jmh.classpath")"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
if $main; then
    echo "command: $class $*"
    exec "$JAVA_HOME/bin/java" -Xmx2g -cp "$classpath" "$class" "$@"
fi
if [ $# -eq 0 ]; then set -- -f 1 -wi 3 -w 1s -i 5 -r 1s; fi
echo "command: JMH $* $class"
log="$module/target/$name.log"
"$JAVA_HOME/bin/java" -cp "$classpath" org.openjdk.jmh.Main "$@" "$class" >"$log" 2>&1 || { tail -n 30 "$log"; exit 1; }
sed -n '/^Benchmark /,$p' "$log"
