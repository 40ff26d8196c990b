#!/usr/bin/env bash
# Load balancer forwarding benchmark (needs root): 64-byte UDP frames (60 bytes and the FCS) to the VIP, forwarded by
# one core, once by the box's kernel (IP forwarding) and once by edgebox's DSR load balancer, side by side on the same
# segment with the same load, counted the same way; RUNS windows per leg, each printed, then the medians and the
# ratio edgebox/kernel.
#   bench/lb/run.sh [DIST]        DIST defaults to appliance-image/target/edgebox
# Environment: RUNS (3), WARMUP (5 s), DURATION (10 s), BACKENDS (3), LEGS ("kernel edgebox"; edgebox-pcap runs the
# load balancer on the pcap packet path instead of tpacket), KEEP=1 keeps the work folder and its logs.
#
# Topology: one bridge in namespace eblbS-ID (the router segment), with veths to eblbC-ID (the client, 10.98.0.10),
# eblbX-ID (the box, 10.98.0.1 on box0) and eblbN-ID (backend N, 10.98.0.(20+N), the VIP 10.98.0.100/32 on lo,
# arp_ignore=1, arp_announce=2, rp_filter=0). A bridge rather than veths from the box: the box is one-armed as on the
# real segment, so a forwarded frame leaves by the interface it came in on, and the backends answer the client
# straight over the segment (DSR) instead of through the box. The client reaches the VIP through a static neighbour
# entry (VIP -> the box's MAC): no announcer runs.
#   kernel        ip_forward=1 in the box and `ip route add VIP/32 via 10.98.0.21`: ONE backend, the kernel has no
#                 Maglev; send_redirects=0 so the box does not tell the client of the shorter way.
#   edgebox       the distribution in the box (home copied to a temporary folder, boot = core,lb), edgebox.lb.cfg
#                 `interfaces = box0` and `packetPath = tpacket` (edgebox-pcap: pcap), etc/manifests/lb.yaml: a
#                 LoadBalancer Service 10.98.0.100 (UDP 9, TCP 80) and an EndpointSlice of all BACKENDS;
#                 ip_forward=0, so only the load balancer forwards.
# Cores: the box's ingress softirq is steered to CPU 0 (RPS, rx-0/rps_cpus = 1 on box0) in both legs, the edgebox
# JVM runs on CPU 0 (taskset -c 0), trafgen's one sending worker on CPU 1 (-P 2 with the packet bound to cpu(1):
# worker 0 has nothing to send and ends). What follows the forwarder (the bridge hop, the backends' receive) runs
# where the forwarder sends, CPU 0, in both legs.
# Load: trafgen, UDP source ports 49152-49407 counted up frame by frame (256 flows), bounded in count and in time.
# Counted: "sent" is the client's seg0 tx_packets; "at backends" the sum of the backends' Udp NoPorts (/proc/net/snmp:
# nothing listens on port 9, so each datagram that reaches a backend's UDP layer is counted there once; the ICMP
# port-unreachable answers are rate-limited by the kernel); "input queue full" the frames CPU 0's backlog refused
# (softnet_stat, host-wide): all over the window after WARMUP, read at once through /proc/PID/net of a process held
# in each namespace.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd -P)
dist=${1:-$root/appliance-image/target/edgebox}
runs=${RUNS:-3}
warmup=${WARMUP:-5}
duration=${DURATION:-10}
backends=${BACKENDS:-3}
legs=${LEGS:-kernel edgebox}
vip=10.98.0.100
box_ip=10.98.0.1
client_ip=10.98.0.10
# trafgen's count bound: never more than 5 Mpps on average over a run (it is stopped at the window's end anyway)
count=$((5000000 * (warmup + duration + 5)))
n_legs=$(echo $legs | wc -w)
hold_seconds=$((n_legs * (120 + runs * (warmup + duration + 15)) + 60))

if [ "$(id -u)" != 0 ]; then
    echo "bench/lb: needs root (network namespaces, packet sockets)" >&2
    exit 1
fi
for tool in ip trafgen taskset setsid timeout curl jq ssh ssh-keygen; do
    command -v "$tool" > /dev/null || { echo "bench/lb: $tool is missing (apt-get install iproute2 netsniff-ng" \
        "util-linux coreutils curl jq openssh-client)" >&2; exit 1; }
done
if [ "$(nproc)" -lt 2 ]; then
    echo "bench/lb: needs 2 cores (CPU 0 forwards, CPU 1 sends), this machine has $(nproc)" >&2
    exit 1
fi
if [ "$backends" -lt 1 ] || [ "$backends" -gt 50 ]; then
    echo "bench/lb: BACKENDS=$backends: must be 1 to 50" >&2
    exit 1
fi
for leg in $legs; do
    case $leg in
        kernel | edgebox | edgebox-pcap) ;;
        *) echo "bench/lb: LEGS: unknown leg $leg (kernel, edgebox, edgebox-pcap)" >&2; exit 1 ;;
    esac
done

id=b$$
seg=eblbS-$id
cli=eblbC-$id
box=eblbX-$id
backend_ns=()
for i in $(seq 1 "$backends"); do backend_ns+=("eblb$i-$id"); done
work=$(mktemp -d /tmp/edgebox-lbbench.XXXXXX)
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
    for ns in "$cli" "$box" "${backend_ns[@]}" "$seg"; do
        ip netns del "$ns" 2> /dev/null
    done
    if [ "${KEEP:-0}" = 1 ]; then
        echo "bench/lb: work folder kept: $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

forget() { # PID: ended, no longer ours to clean up
    local p kept=""
    for p in $pids; do
        [ "$p" = "$1" ] || kept="$kept $p"
    done
    pids=$kept
}

in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# ---- topology

namespace() { # NAME
    ip netns add "$1"
    ip -n "$1" link set lo up
    in_ns "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
}

attach() { # NS IFNAME PORT ADDRESS: a veth from NS to the segment's bridge
    ip link add "$2" netns "$1" type veth peer name "$3" netns "$seg"
    ip -n "$seg" link set "$3" master br0 up
    ip -n "$1" addr add "$4/24" dev "$2"
    ip -n "$1" link set "$2" up
}

topology() {
    namespace "$seg"
    ip -n "$seg" link add br0 type bridge mcast_snooping 0 stp_state 0
    ip -n "$seg" link set br0 up
    namespace "$cli"
    attach "$cli" seg0 vcli "$client_ip"
    namespace "$box"
    attach "$box" box0 vbox "$box_ip"
    in_ns "$box" sysctl -qw net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.box0.send_redirects=0 \
        net.ipv4.ip_forward=0
    in_ns "$box" sh -c 'echo 1 > /sys/class/net/box0/queues/rx-0/rps_cpus'
    local i ns
    for i in $(seq 1 "$backends"); do
        ns=${backend_ns[$((i - 1))]}
        namespace "$ns"
        attach "$ns" seg0 "vb$i" "10.98.0.$((20 + i))"
        ip -n "$ns" addr add "$vip/32" dev lo
        in_ns "$ns" sysctl -qw net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2 \
            net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.seg0.rp_filter=0 net.ipv4.conf.lo.rp_filter=0
    done
    hold "$cli"
    cli_holder=$held_pid
    backend_holders=()
    for ns in "${backend_ns[@]}"; do
        hold "$ns"
        backend_holders+=("$held_pid")
    done
    box_mac=$(in_ns "$box" cat /sys/class/net/box0/address)
    ip -n "$cli" neigh replace "$vip" lladdr "$box_mac" dev seg0 nud permanent
    # every host speaks once (its ARP request for the client), so the bridge knows where each MAC is before the load
    for ns in "$box" "${backend_ns[@]}"; do
        in_ns "$ns" bash -c "echo hello > /dev/udp/$client_ip/9"
    done
}

# ---- counters

# a process that stays in NS, so that its counters are read through /proc/PID/net without entering the namespace;
# it ends by itself after HOLD seconds (the longest the whole run can take)
hold() { # NS; sets held_pid
    ip netns exec "$1" sleep "$hold_seconds" < /dev/null > /dev/null 2>&1 &
    held_pid=$!
    pids="$pids $held_pid"
}

# one line, read at once: EPOCH SENT DROPPED BAD_CHECKSUM AT_BACKEND_1 ... AT_BACKEND_N (the client's seg0 tx_packets
# from net/dev; the frames CPU 0's input queue refused, softnet_stat's second column, host-wide; the backends' Udp
# InCsumErrors together and each backend's Udp NoPorts, from net/snmp)
sample() {
    local files=("/proc/$cli_holder/net/dev") p dropped
    for p in "${backend_holders[@]}"; do files+=("/proc/$p/net/snmp"); done
    read -r _ dropped _ < /proc/net/softnet_stat
    awk -v t="$EPOCHREALTIME" -v dropped=$((16#$dropped)) 'FNR == 1 { f++ }
        f == 1 && /^ *seg0:/ { sub(/^ *seg0:/, ""); sent = $10 }
        f > 1 && $1 == "Udp:" {
            if (!col[f]) { for (i = 2; i <= NF; i++) { if ($i == "NoPorts") col[f] = i; if ($i == "InCsumErrors") bad[f] = i } }
            else { n[f] = $col[f]; csum += $bad[f] } }
        END { printf "%s %s %s %s", t, sent, dropped, csum + 0; for (i = 2; i <= f; i++) printf " %s", n[i]; printf "\n" }' "${files[@]}"
}

at_backends() { sample | awk '{ s = 0; for (i = 5; i <= NF; i++) s += $i; print s }'; }

# waits (at most 30 tries, a minute) until PROBES frames of the load reach the backends. Not datagrams of the client's
# own stack: over veth their UDP checksum is left to an offload that never comes (CHECKSUM_PARTIAL), which the
# kernel's forwarding carries along but a packet socket hands over unfinished, so the backends would count them bad.
await_forwarding() { # LEG
    local probes=20 before after i=0
    while [ $i -lt 30 ]; do
        before=$(at_backends)
        timeout 10 ip netns exec "$cli" trafgen --dev seg0 --conf "$work/udp64.trafgen" -P 2 -n "$probes" \
            --no-sock-mem --notouch-irq > /dev/null 2>&1 < /dev/null
        sleep 1
        after=$(at_backends)
        if [ $((after - before)) -ge $probes ]; then
            return 0
        fi
        i=$((i + 1))
    done
    echo "bench/lb: $1: $probes probes to $vip:9 did not all reach the backends in 30 tries (last try: $((after - before)))" >&2
    return 1
}

# ---- the load

trafgen_conf() {
    cat > "$work/udp64.trafgen" << EOF
cpu(1): {
  eth(da=$box_mac),
  ipv4(sa=$client_ip, da=$vip, ttl=64, df),
  udp(sp=dinc(49152, 49407), dp=9),
  fill(0x00, 18)
}
EOF
}

# one window: trafgen for WARMUP + DURATION s, counted over the last DURATION s; appends
# "LEG RUN SECONDS SENT DROPPED BAD_CHECKSUM B1 ... BN" to $work/results
measure() { # LEG RUN
    local leg=$1 run=$2 pid first last
    timeout -s INT -k 5 $((warmup + duration + 5)) \
        ip netns exec "$cli" trafgen --dev seg0 --conf "$work/udp64.trafgen" -P 2 -n "$count" --no-sock-mem --notouch-irq \
        > "$work/trafgen-$leg-$run.log" 2>&1 < /dev/null &
    pid=$!
    pids="$pids $pid"
    sleep "$warmup"
    first=$(sample)
    sleep "$duration"
    last=$(sample)
    if ! kill -0 "$pid" 2> /dev/null; then
        echo "bench/lb: $leg run $run: trafgen ended before the window closed; its output:" >&2
        cat "$work/trafgen-$leg-$run.log" >&2
        exit 1
    fi
    # the group: timeout, trafgen and its workers (timeout leads a process group of its own)
    kill -INT -- "-$pid"
    wait "$pid" || true
    forget "$pid"
    echo "$leg $run $first $last" | awk '{
        n = (NF - 2) / 2
        printf "%s %s %.3f %d", $1, $2, $(3 + n) - $3, $(4 + n) - $4
        for (i = 5; i <= 2 + n; i++) printf " %d", $(n + i) - $i
        printf "\n" }' >> "$work/results"
}

# ---- the legs

kernel_start() {
    in_ns "$box" sysctl -qw net.ipv4.ip_forward=1
    ip -n "$box" route add "$vip/32" via 10.98.0.21
}

kernel_stop() {
    ip -n "$box" route del "$vip/32" via 10.98.0.21
    in_ns "$box" sysctl -qw net.ipv4.ip_forward=0
}

# nothing listens on TCP 80 at the backends: no health checks, so that every backend stays in the Maglev table
lb_manifest() {
    local ports='[{name: discard, port: 9, protocol: UDP}, {name: http, port: 80, protocol: TCP}]' i
    cat << EOF
apiVersion: v1
kind: Service
metadata:
  name: bench
  namespace: default
  annotations: {edgebox.io/health-check: none}
spec:
  type: LoadBalancer
  loadBalancerIP: $vip
  ports: $ports
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: bench-1
  namespace: default
  labels: {kubernetes.io/service-name: bench}
addressType: IPv4
ports: $ports
endpoints:
EOF
    for i in $(seq 1 "$backends"); do
        echo "  - {addresses: [\"10.98.0.$((20 + i))\"], conditions: {ready: true}}"
    done
}

# the distribution's lb feature lists bundles (until the load balancer component exists it is empty)
has_lb() {
    [ -x "$dist/bin/edgebox" ] && [ -e "$dist/features/lb.json" ] \
        && [ "$(jq '.bundles | length' "$dist/features/lb.json")" -gt 0 ]
}

edgebox_start() { # PACKET_PATH; sets edgebox_pid; returns 1 when it is not ready within 90 s
    local home=$work/edgebox-$1 i=0
    mkdir -p "$home/deploy" "$home/data"
    cp -a "$dist/etc" "$dist/system" "$dist/features" "$home/"
    rm -f "$home/etc/manifests/"*
    echo "boot = core,lb" > "$home/etc/edgebox.features.cfg"
    [ -e "$work/console_key" ] || ssh-keygen -q -t ed25519 -N '' -C lb-bench -f "$work/console_key"
    cat "$work/console_key.pub" > "$home/etc/authorized_keys"
    printf 'interfaces = box0\npacketPath = %s\n' "$1" > "$home/etc/edgebox.lb.cfg"
    lb_manifest > "$home/etc/manifests/lb.yaml"
    # setsid execs in place (the script is no process group leader), as do ip netns exec and bin/edgebox: the pid is
    # the JVM's, in a session of its own
    setsid taskset -c 0 ip netns exec "$box" "$dist/bin/edgebox" run --home "$home" \
        >> "$work/edgebox-$1.log" 2>&1 < /dev/null &
    edgebox_pid=$!
    pids="$pids $edgebox_pid"
    until in_ns "$box" curl -sf -o /dev/null --max-time 2 http://127.0.0.1:9090/readyz; do
        i=$((i + 1))
        if [ $i -gt 180 ] || ! kill -0 "$edgebox_pid" 2> /dev/null; then
            echo "bench/lb: edgebox ($1) not ready within 90 s; the end of its log:" >&2
            tail -n 30 "$work/edgebox-$1.log" >&2
            return 1
        fi
        sleep 0.5
    done
}

# the load balancer's own account, from the console (lb:services: per interface the frames received, sent and lost
# by the kernel before the load balancer read them) and /metrics, into the work folder
edgebox_stop() {
    local i=0
    in_ns "$box" timeout 20 ssh -p 8101 -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes \
        -o ConnectTimeout=5 -o LogLevel=ERROR -o IdentitiesOnly=yes -i "$work/console_key" edgebox@127.0.0.1 \
        lb:services > "$work/lb-services-$leg.txt" 2>&1 < /dev/null || true
    in_ns "$box" curl -sf --max-time 5 http://127.0.0.1:9090/metrics 2> /dev/null > "$work/metrics-$leg.txt" || true
    kill -TERM "$edgebox_pid" 2> /dev/null || true
    while kill -0 "$edgebox_pid" 2> /dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
    kill -KILL "$edgebox_pid" 2> /dev/null || true
    wait "$edgebox_pid" 2> /dev/null || true
    forget "$edgebox_pid"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# per run: sent, at backends, pps, loss; for the load balancer legs each backend's share
report_runs() { # LEG
    awk -v leg="$1" -v spread="$([ "$1" = kernel ] && echo 0 || echo 1)" '$1 == leg {
        s = 0; for (i = 7; i <= NF; i++) s += $i
        printf "%s run %d: sent %d, at backends %d in %.2f s: %.0f pps (sent %.0f pps, lost %.1f%%, CPU 0 input queue" \
            " full for %d, bad UDP checksum at backends %d)", leg, $2, $4, s, $3, s / $3, $4 / $3, \
            ($4 > 0 ? 100 * ($4 - s) / $4 : 0), $5, $6
        if (spread) {
            printf "; backends"
            for (i = 7; i <= NF; i++) printf " %.1f%%", (s > 0 ? 100 * $i / s : 0)
        }
        printf "\n" }' "$work/results"
}

leg_median() { # LEG: the median of the runs' pps at the backends
    awk -v leg="$1" '$1 == leg { s = 0; for (i = 7; i <= NF; i++) s += $i; printf "%.0f\n", s / $3 }' "$work/results" | median
}

run_leg() { # LEG
    local leg=$1 path n
    case $leg in
        kernel) kernel_start ;;
        edgebox | edgebox-pcap)
            path=$([ "$leg" = edgebox ] && echo tpacket || echo pcap)
            if ! has_lb; then
                echo "$leg: the distribution at $dist has no lb bundle (features/lb.json lists none; build it with" \
                    "the lb feature first): skipped"
                return 0
            fi
            edgebox_start "$path" || { edgebox_stop; return 0; }
            ;;
    esac
    if await_forwarding "$leg"; then
        for n in $(seq 1 "$runs"); do
            measure "$leg" "$n"
        done
        report_runs "$leg"
        echo "$leg: median $(leg_median "$leg") pps over $runs runs"
    fi
    case $leg in
        kernel) kernel_stop ;;
        *)
            edgebox_stop
            grep -E '^(interface|drops: )' "$work/lb-services-$leg.txt" 2> /dev/null | sed "s/^/$leg lb:services: /" || true
            grep -E '^edgebox_lb' "$work/metrics-$leg.txt" 2> /dev/null | grep -v '_bytes_total' \
                | sed "s/^/$leg metric: /" || true
            ;;
    esac
}

echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg), $(uname -r), $(trafgen -v | head -1)"
echo "command: RUNS=$runs WARMUP=$warmup DURATION=$duration BACKENDS=$backends LEGS=\"$legs\" $0 $dist"
echo "load:    trafgen -P 2 -n $count --no-sock-mem --notouch-irq, one worker on CPU 1, 64-byte UDP frames to $vip:9 from 256 source ports;" \
    "forwarder on CPU 0; counted: Udp NoPorts at the backends over $duration s after $warmup s"
topology
trafgen_conf
: > "$work/results"
for leg in $legs; do
    run_leg "$leg"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kernel_pps=$(leg_median kernel)
for leg in edgebox edgebox-pcap; do
    pps=$(leg_median "$leg")
    if [ -n "$kernel_pps" ] && [ -n "$pps" ]; then
        echo "lb forwarding: $leg $pps pps, kernel $kernel_pps pps (one backend), $leg/kernel" \
            "$(awk -v e="$pps" -v k="$kernel_pps" 'BEGIN { printf "%.2f", e / k }') (medians of $runs runs," \
            "$backends backends, $(nproc) cores, $(uname -r))"
    fi
done
