#!/bin/sh
# Boot benchmark: starts the built distribution 1 + RUNS times on a scratch home (the first start is a warm-up that
# fills the framework cache), reports each "edgebox ready in N ms", the median, and the RSS after ready
# (VmRSS of /proc/PID/status), stopping every run with SIGTERM.
#   bench/boot/run.sh [DIST]        DIST defaults to appliance-image/target/edgebox
# Environment: RUNS (5), CLEAN=1 (clean the framework cache on every start), EDGEBOX_JAVA_OPTS (extra JVM options,
# e.g. -XX:AOTMode=off), EDGEBOX_PROPS (framework properties appended to etc/edgebox.properties, space-separated
# name=value, e.g. edgebox.start.threads=1), HEALTH_PORT (19090), SSH_PORT (18101), DNS_PORT (15353) and the demo
# Gateway's HTTP_PORT (18080) and HTTPS_PORT (18443), so the benchmark never meets a box on the demo ports.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd -P)
dist=$(cd "${1:-$root/appliance-image/target/edgebox}" && pwd -P)
runs=${RUNS:-5}
health_port=${HEALTH_PORT:-19090}
ssh_port=${SSH_PORT:-18101}
dns_port=${DNS_PORT:-15353}
http_port=${HTTP_PORT:-18080}
https_port=${HTTPS_PORT:-18443}

home=$(mktemp -d /tmp/edgebox-bench.XXXXXX)
trap 'rm -rf "$home"' EXIT
cp -a "$dist/etc" "$dist/system" "$dist/features" "$home/"
mkdir -p "$home/deploy" "$home/data"
sed -i "s/^port *=.*/port = $health_port/" "$home/etc/edgebox.health.cfg"
sed -i "s/^port *=.*/port = $ssh_port/" "$home/etc/edgebox.console.ssh.cfg"
if [ -f "$home/etc/edgebox.dns.cfg" ]; then
    sed -i "s/^port *=.*/port = $dns_port/" "$home/etc/edgebox.dns.cfg"
fi
for m in "$home"/etc/manifests/*.yaml; do
    if [ -f "$m" ]; then
        sed -i -e "s/port: 8080\$/port: $http_port/" -e "s/port: 8443\$/port: $https_port/" "$m"
    fi
done
for prop in ${EDGEBOX_PROPS:-}; do
    echo "$prop" >> "$home/etc/edgebox.properties"
done
if [ "${CLEAN:-0}" = 1 ]; then
    echo "edgebox.cache.clean = always" >> "$home/etc/edgebox.properties"
fi

# one start: prints "READY_MS RSS_KB STOP_MS"
boot_once() {
    out="$home/run.out"
    "$dist/bin/edgebox" run --home "$home" > "$out" 2>&1 < /dev/null &
    pid=$!
    i=0
    while ! grep -q '^edgebox ready in ' "$out"; do
        i=$((i + 1))
        if [ $i -gt 1200 ] || ! kill -0 "$pid" 2>/dev/null; then
            echo "bench: no ready line within 60 s; output:" >&2
            cat "$out" >&2
            kill -TERM "$pid" 2>/dev/null || true
            exit 1
        fi
        sleep 0.05
    done
    ready=$(sed -n 's/^edgebox ready in \([0-9]*\) ms$/\1/p' "$out")
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
    kill -TERM "$pid"
    wait "$pid" || { echo "bench: edgebox exited with $? after SIGTERM" >&2; cat "$out" >&2; exit 1; }
    stop=$(sed -n 's/^edgebox stopped in \([0-9]*\) ms$/\1/p' "$out")
    echo "$ready $rss $stop"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "bench: warm-up start (fills data/cache$( [ "${CLEAN:-0}" = 1 ] && echo ', cleaned on every start'))"
boot_once > /dev/null
results=""
n=1
while [ $n -le "$runs" ]; do
    r=$(boot_once)
    set -- $r
    echo "run $n: edgebox ready in $1 ms, RSS $(($2 / 1024)) MiB, stopped in $3 ms"
    results="$results$r
"
    n=$((n + 1))
done
ready_median=$(printf '%s' "$results" | awk 'NF { print $1 }' | median)
rss_median=$(printf '%s' "$results" | awk 'NF { print $2 }' | median)
echo "boot: median edgebox ready in $ready_median ms over $runs runs, median RSS $((rss_median / 1024)) MiB ($(nproc) cores, $(uname -r), cache $( [ "${CLEAN:-0}" = 1 ] && echo cleaned || echo kept), EDGEBOX_JAVA_OPTS='${EDGEBOX_JAVA_OPTS:-}', EDGEBOX_PROPS='${EDGEBOX_PROPS:-}')"
