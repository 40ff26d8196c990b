#!/bin/sh
# Boot comparison on a shared machine: starts each distribution in turn, ROUNDS times (alternated, so both meet the
# same load), each on a scratch home of its own with every listener on ports of its own, and reports per run and as
# median [min-max] the "edgebox ready in N ms" line and the process's CPU time at that moment (utime + stime of
# /proc/PID/stat, less sensitive to other load than the wall time), then the C1 and C2 compiler threads' share.
#   bench/boot/compare.sh DIST_A DIST_B [DIST ...]
# Environment: ROUNDS (10), BASE_PORT (31000; distribution i uses BASE_PORT + 100 i .. + 4).
set -eu

rounds=${ROUNDS:-10}
base=${BASE_PORT:-31000}
work=$(mktemp -d /tmp/edgebox-compare.XXXXXX)
trap 'rm -rf "$work"' EXIT

# a scratch home for DIST in HOME: health PORT, console PORT+1, DNS PORT+2, demo Gateway HTTP PORT+3, HTTPS PORT+4
make_home() {
    cp -a "$1/etc" "$1/system" "$1/features" "$2/"
    mkdir -p "$2/deploy" "$2/data"
    sed -i "s/^port *=.*/port = $3/" "$2/etc/edgebox.health.cfg"
    sed -i "s/^port *=.*/port = $(($3 + 1))/" "$2/etc/edgebox.console.ssh.cfg"
    if [ -f "$2/etc/edgebox.dns.cfg" ]; then
        sed -i "s/^port *=.*/port = $(($3 + 2))/" "$2/etc/edgebox.dns.cfg"
    fi
    for m in "$2"/etc/manifests/*.yaml; do
        if [ -f "$m" ]; then
            sed -i -e "s/port: 8080\$/port: $(($3 + 3))/" -e "s/port: 8443\$/port: $(($3 + 4))/" "$m"
        fi
    done
}

# one start of DIST on HOME: prints "READY_MS CPU_MS C1_MS C2_MS"
boot_once() {
    out="$2/run.out"
    "$1/bin/edgebox" run --home "$2" > "$out" 2>&1 < /dev/null &
    pid=$!
    i=0
    while ! grep -q '^edgebox ready in ' "$out"; do
        i=$((i + 1))
        if [ $i -gt 6000 ] || ! kill -0 "$pid" 2>/dev/null; then
            echo "compare: $1: no ready line within 60 s; output:" >&2
            cat "$out" >&2
            kill -TERM "$pid" 2>/dev/null || true
            exit 1
        fi
        sleep 0.01
    done
    cpu=$(awk '{ print ($14 + $15) * 10 }' "/proc/$pid/stat")
    c1=0
    c2=0
    for t in /proc/"$pid"/task/*; do
        ms=$(awk '{ print ($14 + $15) * 10 }' "$t/stat" 2>/dev/null || echo 0)
        case "$(cat "$t/comm" 2>/dev/null)" in
            C1*) c1=$((c1 + ms)) ;;
            C2*) c2=$((c2 + ms)) ;;
        esac
    done
    kill -TERM "$pid"
    wait "$pid" || true
    echo "$(sed -n 's/^edgebox ready in \([0-9]*\) ms$/\1/p' "$out") $cpu $c1 $c2"
}

n=0
for dist in "$@"; do
    n=$((n + 1))
    mkdir -p "$work/$n"
    make_home "$(cd "$dist" && pwd -P)" "$work/$n" $((base + 100 * n))
    boot_once "$dist" "$work/$n" > /dev/null   # fills the framework cache
done
r=1
while [ $r -le "$rounds" ]; do
    n=0
    for dist in "$@"; do
        n=$((n + 1))
        result=$(boot_once "$dist" "$work/$n")
        echo "$result" >> "$work/$n.results"
        echo "round $r $dist: ready/cpu/C1/C2 ms $result, load $(cut -d' ' -f1 /proc/loadavg)"
    done
    r=$((r + 1))
done
n=0
for dist in "$@"; do
    n=$((n + 1))
    for col in 1 2 3 4; do
        awk -v c=$col '{ print $c }' "$work/$n.results" | sort -n > "$work/col$col"
    done
    med() { awk '{ v[NR] = $1 } END { printf "%d [%d-%d]", v[int((NR + 1) / 2)], v[1], v[NR] }' "$1"; }
    echo "$dist: $rounds starts, ready $(med "$work/col1") ms, CPU at ready $(med "$work/col2") ms," \
        "C1 $(med "$work/col3") ms, C2 $(med "$work/col4") ms ($(nproc) cores, $(uname -r))"
done
