#!/bin/bash
# What network policies cost the proxy: one edgebox box proxying to one nginx backend, measured with wrk (HTTP/1.1
# keep-alive, 100 B) three ways in one run, the box running throughout and the policies swapped live in its manifest
# folder:
#   none   no policy
#   l4     100 CiliumNetworkPolicies selecting the backend (app: web, from its Service's selector), L3/L4 rules only
#   l7     the same 100 with HTTP rules (method, path regex, header) on the backend port: every request is asked
# Prints req/s, p50 and p99 of each, and l4/none and l7/none (the aim, issue 12: >= 0.90 for both).
#   bench/policy/proxy.sh [DIST]         DIST defaults to appliance-image/target/edgebox; needs root (a network namespace)
# The client is wrk in a network namespace of its own (a client network the CIDR group labels); the box runs alone on
# CPU 0, wrk and the backend share CPU 1, as in bench/proxy/run.sh. Fails when the proxy did not ask the policy for
# each request of l4 and l7 (edgebox_policy_verdicts_total), or when a policy did not load.
# Environment: DURATION (10 s measured per load), WARMUP (5 s per load, not measured), BOX_WARMUP (20 s with no
# policy once the box is up, not measured), REPEAT (1: the three loads run REPEAT times, interleaved in a rotated
# order, and the spread is printed), PORT_BASE (18480), CLIENT_NET (10.97.44: its .0/24 is the
# client network), EDGEBOX_THREADS (1), KEEP=1 keeps the work folder.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd -P)
dist="${1:-$root/appliance-image/target/edgebox}"
duration=${DURATION:-10}
warmup=${WARMUP:-5}
box_warmup=${BOX_WARMUP:-20}
repeat=${REPEAT:-1}
base=${PORT_BASE:-18480}
net=${CLIENT_NET:-10.97.44}
backend=127.0.0.2
backend_port=$base
box_port=$((base + 3))
health_port=$((base + 10))
ssh_port=$((base + 11))
box_address=$net.1
client_address=$net.2
ns=ebpol-c$$
veth=ebpol$$
loads="none l4 l7"

log() { echo "bench: $*" >&2; }
fail() { echo "bench: FAILED: $*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || fail "needs root: the client runs in a network namespace"
[ -x "$dist/bin/edgebox" ] || fail "no built distribution at $dist (mvn install first)"
grep -q '"edgebox:policy:' "$dist/features/policy.json" 2> /dev/null || fail "$dist/features/policy.json lists no bundle"
missing=""
command -v nginx > /dev/null || missing="$missing nginx-light"
command -v wrk > /dev/null || missing="$missing wrk"
command -v curl > /dev/null || missing="$missing curl"
command -v ssh > /dev/null || missing="$missing openssh-client"
command -v ip > /dev/null || missing="$missing iproute2"
if [ -n "$missing" ]; then
    log "installing$missing"
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod +x /usr/sbin/policy-rc.d
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y $missing > /dev/null
fi

# --- work folder, processes, cleanup -----------------------------------------------------------------------------
work=$(mktemp -d /tmp/edgebox-policy-bench.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2> /dev/null || true
    done
    for pid in "${pids[@]}"; do
        for _ in $(seq 100); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2> /dev/null || true
    done
    ip netns del "$ns" 2> /dev/null || true
    ip link del "$veth" 2> /dev/null || true
    if [ "${KEEP:-0}" = 1 ]; then log "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

in_client() { ip netns exec "$ns" "$@"; }

# --- the client network: a namespace behind a veth, the box's end in this namespace ------------------------------
ip netns add "$ns"
ip link add "$veth" type veth peer name cli0 netns "$ns"
ip addr add "$box_address/24" dev "$veth"
ip link set "$veth" up
in_client ip addr add "$client_address/24" dev cli0
in_client ip link set cli0 up
in_client ip link set lo up

# --- backend: nginx on CPU 1, 100 bytes at /100b -----------------------------------------------------------------
mkdir -p "$work/www"
head -c 100 /dev/zero | tr '\0' 'a' > "$work/www/100b"
chmod -R a+rX "$work/www"
cat > "$work/backend.conf" << EOF
daemon off; master_process on; worker_rlimit_nofile 65536;
worker_processes 1;
pid $work/backend.pid;
error_log $work/backend-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $work/tmp-body; proxy_temp_path $work/tmp-proxy;
    fastcgi_temp_path $work/tmp-fcgi; uwsgi_temp_path $work/tmp-uwsgi; scgi_temp_path $work/tmp-scgi;
    keepalive_requests 100000000;
    keepalive_timeout 300s;
    default_type application/octet-stream;
    server {
        listen $backend:$backend_port backlog=4096;
        root $work/www;
    }
}
EOF
taskset -c 1 nginx -e "$work/backend-error.log" -p "$work" -c "$work/backend.conf" &
pids+=("$!")

# --- the box: a home of its own, features core, proxy and policy ---------------------------------------------------
# The backend is not on 127.0.0.1: an address that is a backend has the backend's identity, and the box's console and
# metrics, which this script asks on 127.0.0.1, would then fall under the policies too.
home="$work/edgebox"
mkdir -p "$home/deploy" "$home/data"
cp -a "$dist/etc" "$dist/system" "$dist/features" "$home/"
sed -i "s/^port *=.*/port = $health_port/" "$home/etc/edgebox.health.cfg"
sed -i "s/^port *=.*/port = $ssh_port/" "$home/etc/edgebox.console.ssh.cfg"
printf 'boot = core, proxy, policy\n' > "$home/etc/edgebox.features.cfg"
printf 'accessLog = false\n' > "$home/etc/edgebox.proxy.cfg"
printf 'threads = %s\n' "${EDGEBOX_THREADS:-1}" > "$home/etc/edgebox.net.cfg"
ssh-keygen -q -t ed25519 -N '' -C policy-bench -f "$work/console_key"
cat "$work/console_key.pub" > "$home/etc/authorized_keys"
rm -f "$home"/etc/edgebox.dns*.cfg "$home"/etc/manifests/*.yaml
mkdir -p "$home/etc/manifests"
manifests="$home/etc/manifests"
cat > "$manifests/bench.yaml" << EOF
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: bench
  namespace: default
spec:
  gatewayClassName: edgebox
  addresses:
    - type: IPAddress
      value: $box_address
  listeners:
    - name: http
      protocol: HTTP
      port: $box_port
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: bench
  namespace: default
spec:
  parentRefs:
    - name: bench
  rules:
    - backendRefs:
        - name: bench-backend
          port: $backend_port
---
apiVersion: v1
kind: Service
metadata:
  name: bench-backend
  namespace: default
spec:
  selector:
    app: web
  ports:
    - name: http
      port: $backend_port
      protocol: TCP
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: bench-backend
  namespace: default
  labels:
    kubernetes.io/service-name: bench-backend
addressType: IPv4
ports:
  - name: http
    port: $backend_port
    protocol: TCP
endpoints:
  - addresses: ["$backend"]
    conditions:
      ready: true
---
# wrk's network: its clients carry app: bench-client
apiVersion: cilium.io/v2alpha1
kind: CiliumCIDRGroup
metadata:
  name: bench-clients
  labels:
    app: bench-client
spec:
  externalCIDRs:
    - $net.0/24
EOF

# policy KIND I: CiliumNetworkPolicy bench-KIND-I (KIND l4 or l7) selecting app: web. Policies 1-99 allow blocks of
# 198.18.0.0/15 (fromCIDR, or fromCIDRSet with an except) on the backend port or a range around it; every fifth also
# denies an address of 203.0.113.0/24; none of them matches the client. Policy 100 allows the client, by the labels
# of its CIDR group. With KIND l7 each allow carries HTTP rules; the client's allows GET of /<digits>b with the
# header X-Bench: wrk, which wrk sends (in every load, so the requests are the same).
policy() {
    local kind=$1 i=$2 name peer ports path
    name=$(printf 'bench-%s-%03d' "$kind" "$i")
    if [ "$i" = 100 ]; then
        peer="    - fromEndpoints:
        - matchLabels:
            app: bench-client"
    elif [ $((i % 3)) = 1 ]; then
        peer="    - fromCIDRSet:
        - cidr: 198.18.$i.0/24
          except:
            - 198.18.$i.128/25"
    else
        peer="    - fromCIDR:
        - 198.18.$i.0/24
        - 198.19.$i.0/24"
    fi
    if [ $((i % 4)) = 2 ]; then
        ports="            - port: \"$((backend_port - 40))\"
              endPort: $((backend_port + 40))
              protocol: TCP"
    else
        ports="            - port: \"$backend_port\"
              protocol: TCP"
    fi
    path="/p$i/.*"
    [ "$i" = 100 ] && path="/[0-9]+b"
    cat << EOF
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: $name
  namespace: default
spec:
  endpointSelector:
    matchLabels:
      app: web
  ingress:
$peer
      toPorts:
        - ports:
$ports
EOF
    if [ "$kind" = l7 ]; then
        cat << EOF
          rules:
            http:
              - method: GET
                path: "$path"
                headers:
                  - "X-Bench: wrk"
EOF
    fi
    if [ $((i % 5)) = 0 ]; then
        cat << EOF
  ingressDeny:
    - fromCIDR:
        - 203.0.113.$i/32
      toPorts:
        - ports:
            - port: "$backend_port"
              protocol: TCP
EOF
    fi
}

for kind in l4 l7; do
    for i in $(seq 100); do policy "$kind" "$i"; done > "$work/policies-$kind.yaml"
done

log "edgebox: starting on CPU 0"
taskset -c 0 "$dist/bin/edgebox" run --home "$home" > "$work/edgebox.log" 2>&1 < /dev/null &
box=$!
pids+=("$box")

console() {
    timeout 20 ssh -p "$ssh_port" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes \
        -o ConnectTimeout=5 -o LogLevel=ERROR -o IdentitiesOnly=yes -i "$work/console_key" edgebox@127.0.0.1 "$@" \
        < /dev/null
}

# status [ARGS]: the HTTP status of GET /100b from the client network (curl ARGS added)
status() {
    in_client curl -s -m 2 -o /dev/null -w '%{http_code}' "$@" "http://$box_address:$box_port/100b" || true
}

url="http://$box_address:$box_port/100b"
for i in $(seq 600); do
    [ "$(status -H 'X-Bench: wrk')" = 200 ] && console policy:list > /dev/null 2>&1 && break
    kill -0 "$box" 2> /dev/null || i=600
    [ "$i" = 600 ] && { log "edgebox log (last lines):"; tail -n 20 "$work/edgebox.log" >&2; fail "$url does not answer 200 or the console does not answer within 60 s"; }
    sleep 0.1
done

# use LOAD: puts LOAD's policies in the manifest folder (one rename), then waits until policy:list shows exactly them
# in force, selecting the backend, without problems; checks the verdicts a client sees
use() {
    local load=$1 l4=0 l7=0 want_l4=0 want_l7=0
    case $load in
        none) rm -f "$manifests/policies.yaml" ;;
        *) cp "$work/policies-$load.yaml" "$work/next.yaml"; mv "$work/next.yaml" "$manifests/policies.yaml" ;;
    esac
    [ "$load" = l4 ] && want_l4=100
    [ "$load" = l7 ] && want_l7=100
    for _ in $(seq 120); do
        console policy:list > "$work/list.txt" 2>&1 || true
        l4=$(grep -c ' default/bench-l4-' "$work/list.txt" || true)
        l7=$(grep -c ' default/bench-l7-' "$work/list.txt" || true)
        [ "$l4" = "$want_l4" ] && [ "$l7" = "$want_l7" ] && break
        sleep 0.5
    done
    cp "$work/list.txt" "$work/list-$load.txt"
    [ "$l4" = "$want_l4" ] && [ "$l7" = "$want_l7" ] \
        || fail "$load: policy:list shows $l4 bench-l4 and $l7 bench-l7 policies after 60 s, not $want_l4 and $want_l7 ($work/list-$load.txt)"
    if grep '^problem:' "$work/list.txt" >&2; then fail "$load: the policies have problems"; fi
    if [ "$load" != none ]; then
        grep -q "bench-$load-100 .*$backend (" "$work/list.txt" || fail "$load: bench-$load-100 does not select $backend"
        console policy:trace --src "$client_address" --dst default/bench-backend --port "$backend_port/TCP" \
            > "$work/trace-$load.txt" 2>&1 || true
    fi
    local ok denied
    ok=$(status -H 'X-Bench: wrk')
    denied=$(status)
    [ "$ok" = 200 ] || fail "$load: GET /100b with X-Bench: wrk answers $ok, not 200"
    if [ "$load" = l7 ]; then
        [ "$denied" = 403 ] || fail "l7: GET /100b without X-Bench answers $denied, not 403 (no HTTP rule in force?)"
    else
        [ "$denied" = 200 ] || fail "$load: GET /100b without X-Bench answers $denied, not 200"
    fi
    log "$load: $(tail -n 1 "$work/list.txt" | grep -v '^$' || grep 'rules compiled' "$work/list.txt")"
}

# verdicts VERDICT: the sum of edgebox_policy_verdicts_total{verdict=VERDICT} over every policy (exported each second)
verdicts() {
    curl -sf -m 5 "http://127.0.0.1:$health_port/metrics" \
        | awk -v v="verdict=\"$1\"" '/^edgebox_policy_verdicts_total\{/ && index($0, v) { n += $NF } END { printf "%.0f\n", n }'
}

# --- measuring (as bench/proxy/run.sh) ---------------------------------------------------------------------------
to_ms() {
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000;
        printf "%.2f", n }'
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2> /dev/null || echo 0; }

wrk_load() { # SECONDS [wrk args]
    local seconds=$1
    shift
    timeout $((seconds + 30)) ip netns exec "$ns" taskset -c 1 wrk -t1 -c50 -d"${seconds}s" -H 'X-Bench: wrk' "$@" "$url" 2>&1 || true
}

# measure LOAD RUN: appends "LOAD RUN req/s p50 p99 errors requests verdicts cpu_us/req" to results
measure() {
    local load=$1 run=$2 out t0 ticks allowed0 denied0 allowed denied
    wrk_load "$warmup" > /dev/null
    sleep 1.5
    allowed0=$(verdicts allowed)
    denied0=$(verdicts denied)
    t0=$(cpu_ticks "$box")
    out=$(wrk_load "$duration" --latency)
    ticks=$(($(cpu_ticks "$box") - t0))
    echo "$out" > "$work/wrk-$load-$run.txt"
    sleep 1.5
    allowed=$(($(verdicts allowed) - allowed0))
    denied=$(($(verdicts denied) - denied0))
    local rps p50 p99 errors requests
    rps=$(echo "$out" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')
    p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
    p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
    errors=$(echo "$out" | awk '/Non-2xx/ { n += $NF } /Socket errors/ { for (i = 4; i <= NF; i += 2) { gsub(",", "", $i); n += $i } }
        END { print n + 0 }')
    requests=$(echo "$out" | awk '/requests in/ { print $1 }')
    [ -n "$rps" ] && [ "${requests:-0}" -gt 0 ] || { cat "$work/wrk-$load-$run.txt" >&2; fail "$load: wrk measured nothing"; }
    [ "$denied" = 0 ] || fail "$load: the policy denied $denied requests"
    if [ "$load" != none ] && { [ $((allowed * 100)) -lt $((requests * 98)) ] || [ $((allowed * 100)) -gt $((requests * 102 + 10000)) ]; }; then
        fail "$load: edgebox_policy_verdicts_total{verdict=\"allowed\"} grew by $allowed for $requests requests: the proxy did not ask the policy per request"
    fi
    local cpu
    cpu=$(awk -v t="$ticks" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')
    echo "$load $run $rps $p50 $p99 $errors $requests $allowed $cpu" >> "$work/results"
}

: > "$work/results"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if awk -v l="${load_before%% *}" 'BEGIN { exit !(l > 1.0) }'; then
    log "load average $load_before before the run: other work shares these CPUs, the figures will be noisy"
fi
# The box's JIT keeps warming for tens of seconds: one unmeasured load first, then each run in a rotated order
# (none l4 l7, l4 l7 none, l7 none l4 ...), so that no load always runs first.
log "warming the box up: ${box_warmup} s with no policy, not measured"
use none
wrk_load "$box_warmup" > /dev/null
rotated() {
    local shift=$((($1 - 1) % 3))
    set -- $loads
    case $shift in 0) echo "$1 $2 $3" ;; 1) echo "$2 $3 $1" ;; 2) echo "$3 $1 $2" ;; esac
}
for run in $(seq "$repeat"); do
    for load in $(rotated "$run"); do
        log "run $run/$repeat, $load: policies in force, warm-up ${warmup} s, measuring ${duration} s"
        use "$load"
        measure "$load" "$run"
    done
done

# --- report ------------------------------------------------------------------------------------------------------
echo
echo "proxy with network policies, $(date -u +%FT%TZ), $(nproc) CPUs, edgebox on CPU 0, wrk (in a network namespace)" \
    "and nginx backend on CPU 1, wrk -t1 -c50 HTTP/1.1 keep-alive 100 B, ${warmup} s warm-up + ${duration} s per load"
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg) (CPUs used by others skew every figure)"
echo "none: no policy; l4: 100 CiliumNetworkPolicies, L3/L4 ($(grep -o '[0-9]* rules compiled' "$work/list-l4.txt"));" \
    "l7: the same with HTTP rules ($(grep -o '[0-9]* rules compiled' "$work/list-l7.txt"))"
echo
printf '%-5s %3s %10s %9s %9s %7s %10s %10s %11s %9s\n' load run req/s p50_ms p99_ms errors requests verdicts cpu_us/req x_none
awk 'NR == FNR { if ($1 == "none") base[$2] = $3; next }
    { printf "%-5s %3d %10d %9s %9s %7d %10d %10d %11s %9s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9,
        (base[$2] > 0 ? sprintf("%.3f", $3 / base[$2]) : "-") }' "$work/results" "$work/results"
if [ "$repeat" -gt 1 ]; then
    echo
    echo "over $repeat runs: median req/s, its spread (max - min) / median, median p50 and p99, x_none (median and range of the per-run ratios)"
    printf '%-5s %10s %8s %9s %9s %9s %15s\n' load req/s spread p50_ms p99_ms x_none range
    for load in $loads; do
        awk -v l="$load" 'NR == FNR { if ($1 == "none") base[$2] = $3; next }
            $1 == l { n++; r[n] = $3; p50[n] = $4; p99[n] = $5; x[n] = (base[$2] > 0 ? $3 / base[$2] : 0) }
            function median(a, k,   i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
            END { m = median(r, n); lo = r[1]; hi = r[n]; xm = median(x, n)
                printf "%-5s %10d %7.1f%% %9.2f %9.2f %9.3f %15s\n", l, m, (m > 0 ? (hi - lo) * 100 / m : 0),
                    median(p50, n), median(p99, n), xm, sprintf("%.3f-%.3f", x[1], x[n]) }' "$work/results" "$work/results"
    done
fi
echo
echo "aim (issue 12): l4 and l7 each >= 0.90 x none"
echo "policy:trace --src $client_address --dst default/bench-backend --port $backend_port/TCP:"
for load in l4 l7; do
    grep -E '^(verdict|why):' "$work/trace-$load.txt" | sed "s/^/  $load: /" || true
done
