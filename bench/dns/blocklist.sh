#!/bin/bash
# Blocklists at scale: edgebox with a list of RULES rules, against itself without it, in one run.
#   bench/dns/blocklist.sh [DIST]        DIST defaults to appliance-image/target/edgebox
# The box runs alone on CPU 0 (taskset -c 0), dnsperf on CPU 1. The box starts with the zone bench.test (NAMES A
# records) and a blocklist (factory configuration edgebox.dns.blocklist~bench, reloadSeconds 1) whose file holds
# only a comment. Then:
#   1. without the list: a warm-up, dnsperf on the zone's names (queries/s), the heap after a full GC;
#   2. the list of RULES rules (half AdGuard '||hN.adsM.test^', half hosts '0.0.0.0 hN.adsM.test') is moved over
#      the file; the box's log line "N rules (...) in force after MS ms (read, parsed, chain)" gives the time from
#      reading the file to the chain that answers with it; the time from the move to a listed name answering
#      NXDOMAIN (dig, every 20 ms) is printed beside it and includes up to one second of the box's file check;
#   3. with the list: the heap after a full GC, a warm-up, dnsperf on the zone's names (names not on the list) and
#      on NAMES names from the list (each answered NXDOMAIN by the blocklist);
#   4. the empty list moved back, dnsperf on the zone's names again: the runs without the list before and after the
#      one with it are averaged, so the JIT's warm-up and the machine's drift do not count as the list's cost.
# Prints one table: rules, load ms, heap MiB without and with the list and the difference, queries/s without and
# with the list and their ratio, queries/s for blocked names. The aims (issue 13): 1,000,000 rules in force within
# 2 s with at most 100 MiB more heap, and the zone's answers as fast with the list as without.
# The heap is read with jcmd GC.run and jstat -gc (S0U + S1U + EU + OU) from JCMD_JAVA_HOME, JAVA_HOME or the PATH.
# Environment: RULES (1000000), NAMES (1000), DURATION (20 s per dnsperf run), WARMUP (5 s, not measured),
# PORT_BASE (15320: DNS; +1 health, +2 SSH), EDGEBOX_THREADS (1 event loop), KEEP=1 keeps the work folder.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd -P)
dist="${1:-$root/appliance-image/target/edgebox}"
rules=${RULES:-1000000}
names=${NAMES:-1000}
duration=${DURATION:-20}
warmup=${WARMUP:-5}
base=${PORT_BASE:-15320}
port=$base

log() { echo "bench: $*" >&2; }

# --- tools -------------------------------------------------------------------------------------------------------
missing=""
command -v dnsperf > /dev/null || missing="$missing dnsperf"
command -v dig > /dev/null || missing="$missing bind9-dnsutils"
if [ -n "$missing" ]; then
    log "installing$missing"
    DEBIAN_FRONTEND=noninteractive apt-get install -y $missing > /dev/null
fi
jdk_bin=""
for j in "${JCMD_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    if [ -n "$j" ] && [ -x "$j/bin/jcmd" ] && [ -x "$j/bin/jstat" ]; then jdk_bin="$j/bin/"; break; fi
done
if [ -z "$jdk_bin" ] && ! command -v jcmd > /dev/null; then
    log "needs jcmd and jstat (a JDK): set JCMD_JAVA_HOME or JAVA_HOME"
    exit 1
fi
if [ "$(nproc)" -lt 2 ]; then
    log "needs two CPUs (box on CPU 0, load on CPU 1); this machine has $(nproc)"
    exit 1
fi
if ! { [ -x "$dist/bin/edgebox" ] && [ -e "$dist/features/dns.json" ]; }; then
    log "no distribution with the dns feature at $dist: build it first (mvn -pl appliance-image -am package)"
    exit 1
fi

# --- work folder, processes, cleanup -----------------------------------------------------------------------------
# shellcheck source=bench/dns/processes.sh
. "$root/bench/dns/processes.sh"
work_folder edgebox-blocklist-bench

# rcode NAME: the rcode of an A query for NAME (empty when there is no reply)
rcode() {
    dig +tries=1 +time=1 @127.0.0.1 -p "$port" "$1" A 2> /dev/null | awk '/->>HEADER<<-/ {sub(",", "", $6); print $6}'
}

# --- zone, list and query files ----------------------------------------------------------------------------------
soa="3600 IN SOA ns.bench.test. hostmaster.bench.test. 1 3600 600 86400 3600"
awk -v n="$names" -v soa="$soa" 'BEGIN {
    print "$ORIGIN bench.test."; print "@ " soa; print "@ 3600 IN NS ns"; print "ns 3600 IN A 127.0.0.1"
    for (i = 0; i < n; i++) printf "n%d 3600 IN A 10.%d.%d.%d\n", i, int(i / 65536) % 256, int(i / 256) % 256, i % 256
}' > "$work/bench.test.zone"
awk -v n="$names" 'BEGIN { for (i = 0; i < n; i++) printf "n%d.bench.test A\n", i }' > "$work/queries-zone.txt"
awk -v n="$rules" 'BEGIN {
    for (i = 0; i < n; i++)
        if (i % 2 == 0) printf "||h%d.ads%d.test^\n", i, i % 97; else printf "0.0.0.0 h%d.ads%d.test\n", i, i % 97
}' > "$work/blocklist.txt"
awk -v n="$rules" -v k="$names" 'BEGIN {
    step = n > k ? int(n / k) : 1
    for (i = 0; i < n && i / step < k; i += step) printf "h%d.ads%d.test A\n", i, i % 97
}' > "$work/queries-blocked.txt"
blocked_probe=$(awk 'NR == 1 {print $1}' "$work/queries-blocked.txt")
log "$(wc -l < "$work/blocklist.txt") rules, $(du -h "$work/blocklist.txt" | cut -f1) of list"

# --- the box -----------------------------------------------------------------------------------------------------
home="$work/edgebox"
mkdir -p "$home/deploy" "$home/data"
cp -a "$dist/etc" "$dist/system" "$dist/features" "$home/"
sed -i "s/^port *=.*/port = $((base + 1))/" "$home/etc/edgebox.health.cfg"
sed -i "s/^port *=.*/port = $((base + 2))/" "$home/etc/edgebox.console.ssh.cfg"
sed -i "s/^boot *=.*/boot = core, proxy, dns/" "$home/etc/edgebox.features.cfg"
rm -f "$home"/etc/edgebox.dns*.cfg "$home"/etc/manifests/*.yaml "$home"/etc/AdGuardHome.yaml
printf 'threads = %s\n' "${EDGEBOX_THREADS:-1}" > "$home/etc/edgebox.net.cfg"
cp "$work/bench.test.zone" "$home/etc/bench.test.zone"
printf 'address = 127.0.0.1\nport = %s\nrrl = 0\nqueryLog = off\n' "$port" > "$home/etc/edgebox.dns.cfg"
printf 'origin = bench.test.\nfile = etc/bench.test.zone\n' > "$home/etc/edgebox.dns.zone~bench.cfg"
echo '! empty until the measured list replaces it' > "$home/etc/blocklist.txt"
printf 'file = etc/blocklist.txt\nmode = nxdomain\nreloadSeconds = 1\n' > "$home/etc/edgebox.dns.blocklist~bench.cfg"
# the list is moved in from the same file system, so the box never reads half of it
cp "$work/blocklist.txt" "$home/etc/.blocklist.next"

log "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
taskset -c 0 "$dist/bin/edgebox" run --home "$home" > "$work/edgebox.log" 2>&1 < /dev/null &
box=$!
pids+=("$box")
for _ in $(seq 600); do
    [ "$(rcode n0.bench.test)" = NOERROR ] && break
    kill -0 "$box" 2> /dev/null || { log "the box stopped"; tail -n 20 "$work/edgebox.log" >&2; exit 1; }
    sleep 0.1
done
if [ "$(rcode n0.bench.test)" != NOERROR ]; then
    log "n0.bench.test has no answer on 127.0.0.1:$port within 60 s"
    tail -n 20 "$work/edgebox.log" >&2
    exit 1
fi

# heap_mib: MiB of heap in use after a full GC (S0U + S1U + EU + OU of jstat -gc, in KiB)
heap_mib() {
    "${jdk_bin}jcmd" "$box" GC.run > /dev/null
    "${jdk_bin}jstat" -gc "$box" | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
        NR == 2 { printf "%.1f", ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) / 1024 }'
}

# qps QUERIES NAME: WARMUP seconds of load, then DURATION seconds measured; prints queries/s
qps() {
    taskset -c 1 dnsperf -s 127.0.0.1 -p "$port" -d "$1" -T1 -c1 -q100 -l "$warmup" > "$work/$2-warmup.txt" 2>&1 || true
    taskset -c 1 dnsperf -s 127.0.0.1 -p "$port" -d "$1" -T1 -c1 -q100 -l "$duration" > "$work/$2.txt" 2>&1
    awk '/Queries per second:/ {printf "%.0f", $4}' "$work/$2.txt"
}

# --- without the list --------------------------------------------------------------------------------------------
[ "$(rcode "$blocked_probe")" != NXDOMAIN ] || { log "$blocked_probe is blocked before the list is in"; exit 1; }
qps_without=$(qps "$work/queries-zone.txt" zone-without)
log "without the list: $qps_without q/s on the zone's names"
heap_without=$(heap_mib)
log "without the list: heap $heap_without MiB after a full GC"

# --- loading the list --------------------------------------------------------------------------------------------
mv "$home/etc/.blocklist.next" "$home/etc/blocklist.txt"
moved=$(date +%s%N)
seen_ms=-
for _ in $(seq 1500); do
    if [ "$(rcode "$blocked_probe")" = NXDOMAIN ]; then seen_ms=$((($(date +%s%N) - moved) / 1000000)); break; fi
    kill -0 "$box" 2> /dev/null || { log "the box stopped"; tail -n 20 "$work/edgebox.log" >&2; exit 1; }
    sleep 0.02
done
if [ "$seen_ms" = - ]; then
    log "$blocked_probe is not blocked 30 s after the list was moved in"
    tail -n 20 "$work/edgebox.log" >&2
    exit 1
fi
loaded=""
for _ in $(seq 50); do
    loaded=$(grep -E ": $rules rules \(.*\) in force after [0-9]+ ms" "$work/edgebox.log" | tail -n 1 || true)
    [ -n "$loaded" ] && break
    sleep 0.1
done
if [ -z "$loaded" ]; then
    log "no log line for $rules rules in force"
    grep -E "rules \(" "$work/edgebox.log" >&2 || true
    exit 1
fi
load_ms=$(sed -E 's/.* in force after ([0-9]+) ms.*/\1/' <<< "$loaded")
log "${loaded#* INFO* }"
log "seen blocked from outside ${seen_ms} ms after the move (includes the box's file check, every 1 s)"

# --- with the list -----------------------------------------------------------------------------------------------
heap_with=$(heap_mib)
log "with the list: heap $heap_with MiB after a full GC"
qps_with=$(qps "$work/queries-zone.txt" zone-with)
log "with the list: $qps_with q/s on the zone's names"
[ "$(rcode "$(awk 'NR == 2 {print $1}' "$work/queries-blocked.txt")")" = NXDOMAIN ] \
    || { log "a listed name is not blocked"; exit 1; }
qps_blocked=$(qps "$work/queries-blocked.txt" blocked)
log "with the list: $qps_blocked q/s on blocked names"

# --- without the list again: the two runs without bracket the one with it, so JIT warm-up and drift even out ------
echo '! empty again' > "$home/etc/.blocklist.next"
mv "$home/etc/.blocklist.next" "$home/etc/blocklist.txt"
for _ in $(seq 300); do
    [ "$(grep -cE ": 0 rules \(.*\) in force after" "$work/edgebox.log" || true)" -ge 2 ] && break
    sleep 0.1
done
[ "$(rcode "$blocked_probe")" != NXDOMAIN ] || { log "the list was not taken out again"; exit 1; }
qps_again=$(qps "$work/queries-zone.txt" zone-again)
log "without the list again: $qps_again q/s on the zone's names"
log "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- table -------------------------------------------------------------------------------------------------------
echo
echo "Blocklist benchmark: $rules rules; dnsperf -T1 -c1 -q100 -l $duration on CPU 1, the box alone on CPU 0;"
echo "load_ms: the box's log, from reading the file to the chain answering with it; seen_ms: from the move to a"
echo "listed name answering NXDOMAIN (dig), with up to 1 s of file check; heap after a full GC (jcmd GC.run)."
echo "qps_without: the mean of the runs before and after the one with the list (each printed above); ratio:"
echo "qps_with / qps_without."
printf '%9s %8s %8s %12s %9s %9s %11s %9s %7s %11s\n' rules load_ms seen_ms heap_without heap_with heap_more \
    qps_without qps_with ratio qps_blocked
awk -v r="$rules" -v l="$load_ms" -v s="$seen_ms" -v hw="$heap_without" -v h="$heap_with" -v q1="$qps_without" \
    -v q2="$qps_again" -v q="$qps_with" -v qb="$qps_blocked" 'BEGIN {
    qw = (q1 + q2) / 2
    printf "%9d %8s %8s %12.1f %9.1f %9.1f %11.0f %9s %7s %11s\n", r, l, s, hw, h, h - hw, qw, q,
        (qw > 0 ? sprintf("%.2f", q / qw) : "-"), qb }'
