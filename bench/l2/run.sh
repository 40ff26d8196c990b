#!/usr/bin/env bash
# L2 failover benchmark (needs root): the time from kill -9 of the VRRP master to the backup's first gratuitous ARP
# on the wire, for a pair of edgeboxes and for a pair of keepalived (Debian's, vrrp_version 3) at the same
# advertisement interval, median of RUNS kills each.
#   bench/l2/run.sh [DIST]        DIST defaults to appliance-image/target/edgebox
# Environment: RUNS (10), INTERVAL_MS (100; 1000 is keepalived's default advert_int), PAIRS ("edgebox keepalived").
#
# The segment is the one of the system test L2IT: namespace ebs-ID holds a bridge, ebA-ID (10.99.0.1, priority 200)
# and ebB-ID (10.99.0.2, priority 100) run the routers, ebC-ID (10.99.0.10) runs tshark; the VIP is 10.99.0.100.
# Each kill: both routers have run with A master for SETTLE_MS (1000) plus a random part of one advertisement
# interval after A's takeover GARP (so the kill falls at a random phase of the advertisement cycle); the kill's wall
# clock ($EPOCHREALTIME) is compared with tshark's capture time of B's first GARP (same host clock). A is then
# restarted, preempts, and the next kill waits for its GARP. Everything is removed on exit.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd -P)
dist=$(cd "${1:-$root/appliance-image/target/edgebox}" && pwd -P)
runs=${RUNS:-10}
interval_ms=${INTERVAL_MS:-100}
pairs=${PAIRS:-edgebox keepalived}
settle_ms=${SETTLE_MS:-1000}
vip=10.99.0.100
vrid=51

if [ "$(id -u)" != 0 ]; then
    echo "bench/l2: needs root (network namespaces, raw sockets)" >&2
    exit 1
fi
for tool in ip tshark keepalived setsid; do
    command -v "$tool" > /dev/null || { echo "bench/l2: $tool is missing (apt-get install iproute2 tshark keepalived)" >&2; exit 1; }
done
if [ $((interval_ms % 10)) != 0 ] || [ "$interval_ms" -lt 10 ]; then
    echo "bench/l2: INTERVAL_MS=$interval_ms: must be a multiple of 10, at least 10" >&2
    exit 1
fi

id=b$$
seg=ebs-$id
ns_a=ebA-$id
ns_b=ebB-$id
ns_c=ebC-$id
work=$(mktemp -d /tmp/edgebox-l2bench.XXXXXX)
wire=$work/wire.txt
pids=""

cleanup() {
    set +e
    for p in $pids; do
        kill -TERM -- "-$p" 2> /dev/null || kill -TERM "$p" 2> /dev/null
    done
    for p in $pids; do
        i=0
        while kill -0 "$p" 2> /dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
        kill -KILL -- "-$p" 2> /dev/null || kill -KILL "$p" 2> /dev/null
    done
    for ns in "$ns_a" "$ns_b" "$ns_c" "$seg"; do
        ip netns del "$ns" 2> /dev/null
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { echo "$EPOCHREALTIME"; }

topology() {
    ip netns add "$seg"
    ip -n "$seg" link set lo up
    ip -n "$seg" link add br0 type bridge mcast_snooping 0 stp_state 0
    ip -n "$seg" link set br0 up
    local host ns octet
    for host in A:1 B:2 C:10; do
        ns=eb${host%%:*}-$id
        octet=${host##*:}
        ip netns add "$ns"
        ip -n "$ns" link set lo up
        ip link add seg0 netns "$ns" type veth peer name "v${host%%:*}" netns "$seg"
        ip -n "$seg" link set "v${host%%:*}" master br0 up
        ip -n "$ns" addr add "10.99.0.$octet/24" dev seg0
        ip -n "$ns" link set seg0 up
    done
}

mac() { ip netns exec "$1" cat /sys/class/net/seg0/address; }

# tshark in the client namespace: one line per ARP frame, "EPOCH|ETH_SRC|SENDER_IP|TARGET_IP"
start_capture() {
    : > "$work/tshark.err"
    ip netns exec "$ns_c" tshark -l -n -i seg0 -f arp -T fields -E separator='|' -E occurrence=f \
        -e frame.time_epoch -e eth.src -e arp.src.proto_ipv4 -e arp.dst.proto_ipv4 \
        > "$wire" 2> "$work/tshark.err" < /dev/null &
    pids="$pids $!"
    local i=0
    until grep -q 'Capturing on' "$work/tshark.err"; do
        i=$((i + 1))
        if [ $i -gt 400 ]; then
            echo "bench/l2: tshark did not start capturing within 20 s:" >&2
            cat "$work/tshark.err" >&2
            exit 1
        fi
        sleep 0.05
    done
}

# the capture time of the first GARP for the VIP from MAC after epoch T, waiting at most 10 s; "" if none
first_garp_after() {
    local t=$1 mac=$2 i=0 found=""
    while [ $i -lt 200 ]; do
        found=$(awk -F'|' -v t="$t" -v m="$mac" -v v="$vip" \
            '$1 > t && tolower($2) == m && $3 == v && $4 == v { print $1; exit }' "$wire")
        [ -n "$found" ] && break
        sleep 0.05
        i=$((i + 1))
    done
    echo "$found"
}

# ---- edgebox routers

edgebox_home() { # NAME PRIORITY
    local home=$work/$1
    mkdir -p "$home/deploy" "$home/data"
    cp -a "$dist/etc" "$dist/system" "$dist/features" "$home/"
    echo "boot = core,l2" > "$home/etc/edgebox.features.cfg"
    echo "interfaces = seg0" > "$home/etc/edgebox.l2.cfg"
    printf 'interface = seg0\nvrid = %d\npriority = %d\npreempt = true\nadvertIntervalMillis = %d\naddresses = %s\n' \
        "$vrid" "$2" "$interval_ms" "$vip" > "$home/etc/edgebox.l2.vrrp~r1.cfg"
}

edgebox_start() { # NS NAME; sets started_pid
    ip netns exec "$1" "$dist/bin/edgebox" run --home "$work/$2" >> "$work/$2.log" 2>&1 < /dev/null &
    started_pid=$!
    disown "$started_pid"
    pids="$pids $started_pid"
}

edgebox_kill() { kill -KILL "$1"; }

edgebox_stop() { kill -TERM "$1" 2> /dev/null || true; }

# ---- keepalived routers

keepalived_home() { # NAME PRIORITY
    local advert
    advert=$(awk -v ms="$interval_ms" 'BEGIN { printf "%g", ms / 1000 }')
    mkdir -p "$work/$1"
    cat > "$work/$1/keepalived.conf" << EOF
global_defs {
  router_id $1
  vrrp_version 3
}
vrrp_instance $1 {
  state BACKUP
  interface seg0
  virtual_router_id $vrid
  priority $2
  advert_int $advert
  virtual_ipaddress {
    $vip/32
  }
}
EOF
}

keepalived_start() { # NS NAME; sets started_pid (its own process group: setsid execs in place)
    setsid ip netns exec "$1" keepalived -n -l -D -P -f "$work/$2/keepalived.conf" \
        -p "$work/$2/keepalived.pid" -r "$work/$2/vrrp.pid" >> "$work/$2.log" 2>&1 < /dev/null &
    started_pid=$!
    disown "$started_pid"
    pids="$pids $started_pid"
}

# SIGKILL to keepalived and its VRRP child at once; the VIP and pid files it leaves go as with the host (a VRRP
# child left a zombie would otherwise make the next start say "daemon is already running")
keepalived_kill() {
    kill -KILL -- "-$1"
    ip -n "$ns_a" addr del "$vip/32" dev seg0 2> /dev/null || true
    rm -f "$work/keepalived-A/keepalived.pid" "$work/keepalived-A/vrrp.pid"
}

keepalived_stop() { kill -TERM -- "-$1" 2> /dev/null || true; }

# waits (at most 10 s) for PID to end; the routers are disowned (no "Killed" notices), so this polls
gone() {
    local i=0
    while kill -0 "$1" 2> /dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
    ! kill -0 "$1" 2> /dev/null || { echo "bench/l2: pid $1 still runs 10 s after it was told to stop" >&2; exit 1; }
}

forget() { # PID: ended, no longer ours to clean up
    pids=$(printf '%s\n' $pids | grep -vx "$1" | tr '\n' ' ')
}

# ---- one pair: RUNS kills of A; the failover times in ms, one a line, go to $work/PAIR.times
measure() { # PAIR
    local pair=$1 mac_a mac_b pid_a pid_b t g ms n=1 fails=0 start
    mac_a=$(mac "$ns_a")
    mac_b=$(mac "$ns_b")
    "${pair}_home" "$pair-A" 200
    "${pair}_home" "$pair-B" 100
    start=$(now)
    "${pair}_start" "$ns_b" "$pair-B"; pid_b=$started_pid
    "${pair}_start" "$ns_a" "$pair-A"; pid_a=$started_pid
    while [ $n -le "$runs" ]; do
        g=$(first_garp_after "$start" "$mac_a")
        if [ -z "$g" ]; then
            echo "bench/l2: $pair A ($mac_a) sent no GARP within 10 s of its start; logs in $work" >&2
            tail -20 "$work/$pair-A.log" >&2
            exit 1
        fi
        # a random part of one interval more: the kill falls anywhere in the advertisement cycle (a fixed settle
        # would put it at the same phase every time, and the figure would measure that phase)
        sleep "$(awk -v ms="$((settle_ms + RANDOM % interval_ms))" 'BEGIN { print ms / 1000 }')"
        t=$(now)
        "${pair}_kill" "$pid_a"
        gone "$pid_a"
        forget "$pid_a"
        g=$(first_garp_after "$t" "$mac_b")
        if [ -z "$g" ]; then
            echo "bench/l2: $pair B ($mac_b) sent no GARP within 10 s of the kill of A" >&2
            fails=$((fails + 1))
            [ $fails -gt 2 ] && exit 1
        else
            ms=$(awk -v g="$g" -v t="$t" 'BEGIN { printf "%.0f", (g - t) * 1000 }')
            echo "$pair run $n: kill -9 of master A -> first GARP from B after $ms ms"
            echo "$ms" >> "$work/$pair.times"
            n=$((n + 1))
        fi
        if [ $n -le "$runs" ]; then
            start=$(now)
            "${pair}_start" "$ns_a" "$pair-A"; pid_a=$started_pid
        fi
    done
    "${pair}_stop" "$pid_b"
    gone "$pid_b"
    forget "$pid_b"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

topology
start_capture
declare -A medians
for pair in $pairs; do
    measure "$pair"
    times=$(cat "$work/$pair.times")
    medians[$pair]=$(printf '%s\n' "$times" | median)
    echo "$pair: median $(printf '%s' "${medians[$pair]}") ms over $runs kills (min $(printf '%s\n' "$times" | sort -n | head -1), max $(printf '%s\n' "$times" | sort -n | tail -1)), advertisement interval $interval_ms ms"
done
if [ -n "${medians[edgebox]:-}" ] && [ -n "${medians[keepalived]:-}" ]; then
    echo "l2 failover: edgebox ${medians[edgebox]} ms, keepalived ${medians[keepalived]} ms, edgebox/keepalived $(awk -v e="${medians[edgebox]}" -v k="${medians[keepalived]}" 'BEGIN { printf "%.2f", e / k }') (interval $interval_ms ms, $runs kills each, $(nproc) cores, $(uname -r))"
fi
