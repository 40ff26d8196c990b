#!/bin/bash
# DNS benchmark: Unbound, Knot and edgebox on the same query sets, side by side in one run.
#   bench/dns/run.sh [DIST]        DIST defaults to appliance-image/target/edgebox
# The server under test runs alone on CPU 0 (taskset -c 0); dnsperf (and, for forwarding, the upstream Unbound)
# run on CPU 1. Two cases:
#   auth   authoritative answers from a zone of NAMES (1000) A records, bench.test: Unbound as local-zone data,
#          Knot as a zone, edgebox as a zone (factory configuration edgebox.dns.zone);
#   cached cached forwarded answers for NAMES names of fwd.test, which an upstream Unbound on CPU 1 serves: Unbound
#          forwarding (forward-zone) and edgebox forwarding (edgebox.dns.forward), each after a warm-up pass that
#          fills its cache. Knot is authoritative only and has no case here.
# Each measurement: dnsperf -T1 -c1 -q100 for DURATION seconds (queries/s, average latency, lost), then a latency
# run at a fixed LATENCY_QPS for LATENCY_SECONDS with dnsperf -v, whose per-query times give p50 and p99 (dnsperf
# 2.10 prints no percentiles; printing each answer would slow the throughput run). Prints one table and each
# server's queries/s as a multiple of Unbound's.
# CORES=2 measures more than one core: each server gets two threads (Unbound num-threads 2 with so-reuseport, Knot
# two UDP workers, edgebox two event loops, one UDP socket each with SO_REUSEPORT) on CPUs 0 and 1, and dnsperf runs
# -T2 -c8 unpinned beside them (a two-core machine has no core left for the load: the figures are a side-by-side
# ratio, not a capacity).
# Environment: SERVERS ("unbound knot edgebox"), DURATION (20), WARMUP (10 s per server and case, not measured),
# NAMES (1000), LATENCY_QPS (20000), LATENCY_SECONDS (5), PORT_BASE (15300), CORES (1 or 2), KEEP=1 keeps the work
# folder.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd -P)
dist="${1:-$root/appliance-image/target/edgebox}"
servers=${SERVERS:-unbound knot edgebox}
duration=${DURATION:-20}
warmup=${WARMUP:-10}
names=${NAMES:-1000}
latency_qps=${LATENCY_QPS:-20000}
latency_s=${LATENCY_SECONDS:-5}
base=${PORT_BASE:-15300}
cores=${CORES:-1}
case "$cores" in
    1) server_cpus=0; load="taskset -c 1"; clients="-T1 -c1" ;;
    2) server_cpus=0,1; load=""; clients="-T2 -c8" ;;
    *) echo "bench: CORES is 1 or 2" >&2; exit 1 ;;
esac
upstream_port=$base
declare -A port=([unbound]=$((base + 1)) [knot]=$((base + 2)) [edgebox]=$((base + 3)))

log() { echo "bench: $*" >&2; }

# --- tools -------------------------------------------------------------------------------------------------------
missing=""
command -v unbound > /dev/null || missing="$missing unbound"
command -v knotd > /dev/null || missing="$missing knot"
command -v dnsperf > /dev/null || missing="$missing dnsperf"
command -v dig > /dev/null || missing="$missing bind9-dnsutils"
if [ -n "$missing" ]; then
    log "installing$missing"
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod +x /usr/sbin/policy-rc.d
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y $missing > /dev/null
fi
if [ "$(nproc)" -lt 2 ]; then
    log "needs two CPUs (server on CPU 0, load on CPU 1); this machine has $(nproc)"
    exit 1
fi

# --- work folder, processes, cleanup -----------------------------------------------------------------------------
# shellcheck source=bench/dns/processes.sh
. "$root/bench/dns/processes.sh"
work_folder edgebox-dns-bench

# wait_dns PORT NAME SECONDS PID: true once NAME has an A answer on PORT, false when PID dies or time runs out
wait_dns() {
    local i
    for i in $(seq $(($3 * 10))); do
        if [ -n "$(dig +short +tries=1 +time=1 @127.0.0.1 -p "$1" "$2" A 2> /dev/null)" ]; then return 0; fi
        kill -0 "$4" 2> /dev/null || return 1
        sleep 0.1
    done
    return 1
}

# --- zone, local data and query files ----------------------------------------------------------------------------
soa="3600 IN SOA ns.bench.test. hostmaster.bench.test. 1 3600 600 86400 3600"
{
    echo "\$ORIGIN bench.test."
    echo "@ $soa"
    echo "@ 3600 IN NS ns"
    echo "ns 3600 IN A 127.0.0.1"
} > "$work/bench.test.zone"
: > "$work/auth-data.conf"
: > "$work/fwd-data.conf"
: > "$work/queries-auth.txt"
: > "$work/queries-fwd.txt"
for i in $(seq 0 $((names - 1))); do
    a="10.$((i / 65536 % 256)).$((i / 256 % 256)).$((i % 256))"
    echo "n$i 3600 IN A $a" >> "$work/bench.test.zone"
    echo "  local-data: \"n$i.bench.test. 3600 IN A $a\"" >> "$work/auth-data.conf"
    echo "  local-data: \"n$i.fwd.test. 3600 IN A $a\"" >> "$work/fwd-data.conf"
    echo "n$i.bench.test A" >> "$work/queries-auth.txt"
    echo "n$i.fwd.test A" >> "$work/queries-fwd.txt"
done

unbound_common() { # PORT THREADS
    cat << EOF2
server:
  interface: 127.0.0.1@$1
  do-daemonize: no
  use-syslog: no
  logfile: ""
  chroot: ""
  username: ""
  directory: "$work"
  pidfile: ""
  do-ip6: no
  num-threads: $2
  so-reuseport: yes
  module-config: "iterator"
  access-control: 127.0.0.0/8 allow
  do-not-query-localhost: no
  local-zone: "test." nodefault
  so-rcvbuf: 4m
  so-sndbuf: 4m
EOF2
}

# The upstream for forwarding: Unbound serving fwd.test as local data, on CPU 1 beside dnsperf.
{
    unbound_common $upstream_port 1
    echo '  local-zone: "fwd.test." static'
    echo "  local-data: \"fwd.test. 3600 IN SOA ns.fwd.test. hostmaster.fwd.test. 1 3600 600 86400 3600\""
    cat "$work/fwd-data.conf"
    printf 'remote-control:\n  control-enable: no\n'
} > "$work/upstream.conf"

# Unbound under test: bench.test as local data, fwd.test forwarded to the upstream and cached.
{
    unbound_common ${port[unbound]} $cores
    echo '  local-zone: "bench.test." static'
    echo "  local-data: \"bench.test. $soa\""
    cat "$work/auth-data.conf"
    printf 'remote-control:\n  control-enable: no\n'
    printf 'forward-zone:\n  name: "fwd.test."\n  forward-addr: 127.0.0.1@%s\n' $upstream_port
} > "$work/unbound.conf"

# Knot under test: bench.test as a zone, one UDP worker.
mkdir -p "$work/knot/db"
cp "$work/bench.test.zone" "$work/knot/"
cat > "$work/knot.conf" << EOF
server:
    rundir: "$work/knot"
    listen: 127.0.0.1@${port[knot]}
    udp-workers: $cores
    tcp-workers: 1
    background-workers: 1
database:
    storage: "$work/knot/db"
log:
  - target: stderr
    any: warning
template:
  - id: default
    storage: "$work/knot"
    journal-content: none
    zonefile-sync: -1
zone:
  - domain: bench.test
    file: "bench.test.zone"
EOF

# edgebox under test: a home of its own with the dns feature booted, bench.test as a zone and fwd.test forwarded.
edgebox_home() {
    local home="$work/edgebox"
    mkdir -p "$home/deploy" "$home/data"
    cp -a "$dist/etc" "$dist/system" "$dist/features" "$home/"
    sed -i "s/^port *=.*/port = $((base + 10))/" "$home/etc/edgebox.health.cfg"
    sed -i "s/^port *=.*/port = $((base + 11))/" "$home/etc/edgebox.console.ssh.cfg"
    sed -i "s/^boot *=.*/boot = core, proxy, dns/" "$home/etc/edgebox.features.cfg"
    rm -f "$home"/etc/edgebox.dns*.cfg "$home"/etc/manifests/*.yaml
    # one event loop on its one CPU, like the peers' single server thread
    printf 'threads = %s\n' "${EDGEBOX_THREADS:-$cores}" > "$home/etc/edgebox.net.cfg"
    cp "$work/bench.test.zone" "$home/etc/bench.test.zone"
    printf 'address = 127.0.0.1\nport = %s\nrrl = 0\nqueryLog = off\n' "${port[edgebox]}" > "$home/etc/edgebox.dns.cfg"
    printf 'origin = bench.test.\nfile = etc/bench.test.zone\n' > "$home/etc/edgebox.dns.zone~bench.cfg"
    printf 'upstreams = 127.0.0.1:%s\nprefetch = true\n' $upstream_port > "$home/etc/edgebox.dns.forward.cfg"
    echo "$home"
}

edgebox_present() {
    [ -x "$dist/bin/edgebox" ] && [ -e "$dist/features/dns.json" ] \
        && find "$dist/system" -path '*edgebox*' -name 'dns-*.jar' | grep -q .
}

# start_server NAME: starts it on CPU 0 and sets $server; false (with a message) when it does not answer
start_server() {
    case "$1" in
        unbound)
            taskset -c $server_cpus unbound -d -c "$work/unbound.conf" > "$work/unbound.log" 2>&1 &
            server=$! ;;
        knot)
            taskset -c $server_cpus knotd -c "$work/knot.conf" > "$work/knot.log" 2>&1 &
            server=$! ;;
        edgebox)
            if ! edgebox_present; then
                log "edgebox: the distribution at $dist has no DNS bundle yet (features/dns.json and" \
                    "system/.../dns-*.jar; build it with the dns feature first): skipped"
                return 1
            fi
            local home
            home=$(edgebox_home)
            taskset -c $server_cpus "$dist/bin/edgebox" run --home "$home" > "$work/edgebox.log" 2>&1 < /dev/null &
            server=$! ;;
    esac
    pids+=("$server")
    local wait_s=10
    [ "$1" = edgebox ] && wait_s=60
    if ! wait_dns "${port[$1]}" n0.bench.test $wait_s "$server"; then
        log "$1: n0.bench.test has no answer on 127.0.0.1:${port[$1]} within ${wait_s} s: skipped"
        tail -n 15 "$work/$1.log" >&2 || true
        stop "$server"
        return 1
    fi
}

# measure SERVER CASE PORT QUERIES: one throughput and one latency run; appends a row to $work/results
measure() {
    local out="$work/$1-$2"
    $load dnsperf -s 127.0.0.1 -p "$3" -d "$4" $clients -q100 -l "$duration" > "$out.txt" 2>&1
    local qps avg lost
    qps=$(awk '/Queries per second:/ {printf "%.0f", $4}' "$out.txt")
    avg=$(awk '/Average Latency \(s\):/ {printf "%.3f", $4 * 1000}' "$out.txt")
    lost=$(awk '/Queries lost:/ {print $3}' "$out.txt")
    $load dnsperf -s 127.0.0.1 -p "$3" -d "$4" $clients -q100 -Q "$latency_qps" -l "$latency_s" -v \
        2> /dev/null | awk '/^> / {print $NF}' | sort -g > "$out.lat"
    local n p50 p99
    n=$(wc -l < "$out.lat")
    if [ "$n" -gt 0 ]; then
        p50=$(awk -v n="$n" 'NR == int(n * 0.50 + 0.5) {printf "%.3f", $1 * 1000}' "$out.lat")
        p99=$(awk -v n="$n" 'NR == int(n * 0.99 + 0.5) {printf "%.3f", $1 * 1000}' "$out.lat")
    else
        p50=-; p99=-
    fi
    printf '%s %s %s %s %s %s %s\n' "$2" "$1" "${qps:-0}" "${avg:--}" "$p50" "$p99" "${lost:--}" >> "$work/results"
    log "$2 $1: ${qps:-0} q/s, avg ${avg:--} ms, p99 ${p99} ms at $latency_qps q/s, lost ${lost:--}"
}

# warm SERVER PORT QUERIES: WARMUP seconds of load, not measured (fills caches, lets the JIT compile)
warm() {
    $load dnsperf -s 127.0.0.1 -p "$2" -d "$3" $clients -q100 -l "$warmup" > "$work/$1-warmup.txt" 2>&1 || true
}

# --- run ---------------------------------------------------------------------------------------------------------
log "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/results"
taskset -c 1 unbound -d -c "$work/upstream.conf" > "$work/upstream.log" 2>&1 &
upstream=$!
pids+=("$upstream")
if ! wait_dns $upstream_port n0.fwd.test 10 "$upstream"; then
    log "upstream Unbound does not answer on 127.0.0.1:$upstream_port"
    cat "$work/upstream.log" >&2
    exit 1
fi
for s in $servers; do
    start_server "$s" || continue
    warm "$s" "${port[$s]}" "$work/queries-auth.txt"
    measure "$s" auth "${port[$s]}" "$work/queries-auth.txt"
    if [ "$s" != knot ]; then
        if wait_dns "${port[$s]}" n0.fwd.test 10 "$server"; then
            warm "$s" "${port[$s]}" "$work/queries-fwd.txt"
            measure "$s" cached "${port[$s]}" "$work/queries-fwd.txt"
        else
            log "$s: n0.fwd.test is not forwarded: cached case skipped"
        fi
    fi
    stop "$server"
done
log "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- table -------------------------------------------------------------------------------------------------------
echo
if [ "$cores" = 1 ]; then
    echo "DNS benchmark: $names names, dnsperf -T1 -c1 -q100 -l $duration on CPU 1, server alone on CPU 0;"
else
    echo "DNS benchmark: $names names, each server with 2 threads on CPUs 0-1, dnsperf $clients -q100 -l $duration beside;"
fi
echo "p50/p99 from a $latency_s s run at $latency_qps q/s. x_unbound: queries/s as a multiple of Unbound's."
printf '%-7s %-8s %10s %8s %8s %8s %8s %9s\n' case server "q/s" avg_ms p50_ms p99_ms lost x_unbound
awk 'NR == FNR { if ($2 == "unbound") ref[$1] = $3; next }
     { x = (ref[$1] > 0) ? sprintf("%.2f", $3 / ref[$1]) : "-";
       printf "%-7s %-8s %10s %8s %8s %8s %8s %9s\n", $1, $2, $3, $4, $5, $6, $7, x }' \
    "$work/results" "$work/results"
