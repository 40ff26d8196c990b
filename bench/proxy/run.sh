#!/bin/bash
# Proxy benchmark: nginx, HAProxy and edgebox proxying to the same backend, side by side in one run.
#   bench/proxy/run.sh [DIST]        DIST defaults to appliance-image/target/edgebox
# The servers run on CPU 0 (taskset -c 0), one under load at a time; the load generator and the backend (nginx
# serving 100 B and 16 KiB files) share CPU 1. Loads, one after another, per server: wrk HTTP/1.1 keep-alive 100 B and
# 16 KiB, HTTPS (TLS 1.3) keep-alive 100 B, new TLS connections per second (wrk, Connection: close: every request a
# full handshake), h2load HTTP/2 over TLS; then the RSS of each server holding 10k idle keep-alive connections.
# Prints req/s, p50 and p99 per server and load, and each server's req/s as a multiple of nginx's.
# All servers run at once; ROUNDS (5) rounds measure each load on each server in turn, and the table gives medians
# with their range, and x_nginx as the median of each round's own ratio.
# Environment: SERVERS ("nginx haproxy edgebox"), ROUNDS (5), DURATION (10, seconds per load and round), WARMUP (5 s
# per server, not measured), IDLE (10000 connections; 0 skips), PORT_BASE (18080), KEEP=1 keeps the work folder, LOADS (all: "h1-100B
# h1-16KiB tls13-100B tls-handshake h2-tls"), EDGEBOX_THREADS (1), EDGEBOX_TRANSPORT (auto), PROFILE=DIR records a JFR file per load of edgebox there (needs a
# runtime with JFR and jcmd: a JDK, not the jlink image) and adds its bytes allocated per request; PROFILE_EVENTS adds
# JFR event settings ("jdk.CPUTimeSample#enabled=true jdk.CPUTimeSample#throttle=1ms").
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd -P)
here="$root/bench/proxy"
dist="${1:-$root/appliance-image/target/edgebox}"
servers=${SERVERS:-nginx haproxy edgebox}
duration=${DURATION:-10}
warmup=${WARMUP:-5}
rounds=${ROUNDS:-5}
idle=${IDLE:-10000}
base=${PORT_BASE:-18080}
backend_port=$base
python=$(command -v python3)
loads=${LOADS:-h1-100B h1-16KiB tls13-100B tls-handshake h2-tls}
profile=${PROFILE:-}
[ -n "$profile" ] && mkdir -p "$profile" && profile=$(cd "$profile" && pwd -P)

# Ports: HTTP and HTTPS per server.
declare -A http_port=([nginx]=$((base + 1)) [haproxy]=$((base + 2)) [edgebox]=$((base + 3)))
declare -A https_port=([nginx]=$((base + 361)) [haproxy]=$((base + 362)) [edgebox]=$((base + 363)))

log() { echo "bench: $*" >&2; }

# --- tools -------------------------------------------------------------------------------------------------------
missing=""
command -v nginx > /dev/null || missing="$missing nginx-light"
command -v haproxy > /dev/null || missing="$missing haproxy"
command -v wrk > /dev/null || missing="$missing wrk"
command -v h2load > /dev/null || missing="$missing nghttp2-client"
command -v curl > /dev/null || missing="$missing curl"
if [ -n "$missing" ]; then
    log "installing$missing"
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod +x /usr/sbin/policy-rc.d
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y $missing > /dev/null
fi
ulimit -n 65536 2> /dev/null || ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt $((idle + 2000)) ]; then
    log "open files limit $(ulimit -n) is below $((idle + 2000)): IDLE lowered to $(($(ulimit -n) - 2000))"
    idle=$(($(ulimit -n) - 2000))
fi

# --- work folder, processes, cleanup -----------------------------------------------------------------------------
work=$(mktemp -d /tmp/edgebox-proxy-bench.XXXXXX)
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
    if [ "${KEEP:-0}" = 1 ]; then log "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# stop PID (one we started) and forget it
stop() {
    kill -TERM "$1" 2> /dev/null || true
    for _ in $(seq 100); do kill -0 "$1" 2> /dev/null || break; sleep 0.1; done
    kill -KILL "$1" 2> /dev/null || true
    wait "$1" 2> /dev/null || true
    local kept=()
    for p in "${pids[@]}"; do [ "$p" = "$1" ] || kept+=("$p"); done
    pids=("${kept[@]}")
}

# wait_http URL SECONDS PID: true once URL answers 200, false when PID dies or time runs out
wait_http() {
    local i
    for i in $(seq $(($2 * 10))); do
        if [ "$(curl -sk -m 1 -o /dev/null -w '%{http_code}' "$1" || true)" = 200 ]; then return 0; fi
        kill -0 "$3" 2> /dev/null || return 1
        sleep 0.1
    done
    return 1
}

# --- certificate and files ---------------------------------------------------------------------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$work/key.pem" -out "$work/cert.pem" 2> /dev/null
cat "$work/cert.pem" "$work/key.pem" > "$work/combined.pem"
mkdir -p "$work/www"
head -c 100 /dev/zero | tr '\0' 'a' > "$work/www/100b"
head -c 16384 /dev/zero | tr '\0' 'b' > "$work/www/16k"
chmod -R a+rX "$work/www"

# --- backend: nginx on CPU 1 -------------------------------------------------------------------------------------
nginx_common="daemon off; master_process on; worker_rlimit_nofile 65536;"
nginx_temp="client_body_temp_path $work/tmp-body; proxy_temp_path $work/tmp-proxy;
    fastcgi_temp_path $work/tmp-fcgi; uwsgi_temp_path $work/tmp-uwsgi; scgi_temp_path $work/tmp-scgi;"
cat > "$work/backend.conf" << EOF
$nginx_common
worker_processes 1;
pid $work/backend.pid;
error_log $work/backend-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    $nginx_temp
    keepalive_requests 100000000;
    keepalive_timeout 300s;
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$backend_port backlog=4096;
        root $work/www;
    }
}
EOF
taskset -c 1 nginx -e "$work/backend-error.log" -p "$work" -c "$work/backend.conf" &
backend=$!
pids+=("$backend")
wait_http "http://127.0.0.1:$backend_port/100b" 10 "$backend" || { log "backend did not start"; cat "$work/backend-error.log" >&2; exit 1; }

# --- servers under test ------------------------------------------------------------------------------------------
cat > "$work/nginx.conf" << EOF
$nginx_common
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 30000; }
http {
    access_log off;
    $nginx_temp
    keepalive_requests 100000000;
    keepalive_timeout 300s;
    upstream backend { server 127.0.0.1:$backend_port; keepalive 64; }
    server {
        listen 127.0.0.1:${http_port[nginx]} backlog=4096;
        listen 127.0.0.1:${https_port[nginx]} ssl http2 backlog=4096;
        ssl_certificate $work/cert.pem;
        ssl_certificate_key $work/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        location / {
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
EOF

# HAProxy wants 2 descriptors per connection (plus 15) under its global maxconn, and refuses to start without them.
haproxy_maxconn=$(( ($(ulimit -n) - 15) / 2 - 8 ))
[ "$haproxy_maxconn" -gt 40000 ] && haproxy_maxconn=40000
cat > "$work/haproxy.cfg" << EOF
global
    nbthread 1
    maxconn $haproxy_maxconn
    ssl-default-bind-options ssl-min-ver TLSv1.2
defaults
    mode http
    maxconn $haproxy_maxconn
    timeout connect 5s
    timeout client 300s
    timeout server 300s
    timeout http-keep-alive 300s
    http-reuse always
frontend plain
    bind 127.0.0.1:${http_port[haproxy]}
    default_backend backend
frontend tls
    bind 127.0.0.1:${https_port[haproxy]} ssl crt $work/combined.pem alpn h2,http/1.1
    default_backend backend
backend backend
    server s1 127.0.0.1:$backend_port
EOF

# edgebox: a home of its own (as bench/boot), the proxy feature booted, one Gateway with an HTTP and an HTTPS
# listener, one HTTPRoute to a Service whose EndpointSlice names the backend, and the bench certificate as a Secret.
edgebox_home() {
    local home="$work/edgebox"
    mkdir -p "$home/deploy" "$home/data"
    cp -a "$dist/etc" "$dist/system" "$dist/features" "$home/"
    sed -i "s/^port *=.*/port = $((base + 10))/" "$home/etc/edgebox.health.cfg"
    sed -i "s/^port *=.*/port = $((base + 11))/" "$home/etc/edgebox.console.ssh.cfg"
    sed -i "s/^boot *=.*/boot = core, proxy/" "$home/etc/edgebox.features.cfg"
    # as nginx and HAProxy here: no access log; and only this bench's Gateway
    printf 'accessLog = false\n' > "$home/etc/edgebox.proxy.cfg"
    # one event loop on its one CPU, as nginx's one worker and HAProxy's one thread
    printf 'threads = %s\n' "${EDGEBOX_THREADS:-1}" > "$home/etc/edgebox.net.cfg"
    # EDGEBOX_TRANSPORT: io_uring, epoll or nio (default: the box's own choice, auto)
    if [ -n "${EDGEBOX_TRANSPORT:-}" ]; then
        printf 'transport = %s\n' "$EDGEBOX_TRANSPORT" >> "$home/etc/edgebox.net.cfg"
    fi
    rm -f "$home"/etc/edgebox.dns*.cfg "$home"/etc/manifests/*.yaml
    mkdir -p "$home/etc/manifests"
    cat > "$home/etc/manifests/bench.yaml" << EOF
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: bench
  namespace: default
spec:
  gatewayClassName: edgebox
  addresses:
    - type: IPAddress
      value: 127.0.0.1
  listeners:
    - name: http
      protocol: HTTP
      port: ${http_port[edgebox]}
    - name: https
      protocol: HTTPS
      port: ${https_port[edgebox]}
      tls:
        mode: Terminate
        certificateRefs:
          - kind: Secret
            name: bench-tls
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
    - matches:
        - path:
            type: PathPrefix
            value: /
      backendRefs:
        - name: bench-backend
          port: $backend_port
---
apiVersion: v1
kind: Service
metadata:
  name: bench-backend
  namespace: default
spec:
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
  - addresses: ["127.0.0.1"]
    conditions:
      ready: true
---
apiVersion: v1
kind: Secret
metadata:
  name: bench-tls
  namespace: default
type: kubernetes.io/tls
data:
  tls.crt: $(base64 -w0 "$work/cert.pem")
  tls.key: $(base64 -w0 "$work/key.pem")
EOF
    echo "$home"
}

# start_server NAME: starts it on CPU 0 and sets $server; false (with a message) when it does not answer
start_server() {
    case "$1" in
        nginx)
            taskset -c 0 nginx -e "$work/nginx-error.log" -p "$work" -c "$work/nginx.conf" &
            server=$! ;;
        haproxy)
            taskset -c 0 haproxy -db -f "$work/haproxy.cfg" > "$work/haproxy.log" 2>&1 &
            server=$! ;;
        edgebox)
            if [ ! -x "$dist/bin/edgebox" ]; then
                log "edgebox: no built distribution at $dist (mvn install first): skipped"
                return 1
            fi
            local home
            home=$(edgebox_home)
            taskset -c 0 "$dist/bin/edgebox" run --home "$home" > "$work/edgebox.log" 2>&1 < /dev/null &
            server=$! ;;
    esac
    pids+=("$server")
    local wait_s=10
    [ "$1" = edgebox ] && wait_s=60
    if ! wait_http "http://127.0.0.1:${http_port[$1]}/100b" $wait_s "$server" \
            || ! wait_http "https://127.0.0.1:${https_port[$1]}/100b" 5 "$server"; then
        log "$1: http://127.0.0.1:${http_port[$1]}/100b or https://127.0.0.1:${https_port[$1]}/100b does not answer 200" \
            "within ${wait_s} s: skipped"
        [ "$1" = edgebox ] && { log "edgebox log (last lines):"; tail -n 15 "$work/edgebox.log" >&2; }
        stop "$server"
        return 1
    fi
}

# --- measuring ---------------------------------------------------------------------------------------------------
# to_ms VALUE: wrk's "1.23ms" / "512.00us" / "1.02s" in milliseconds
to_ms() {
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000;
        printf "%.2f", n }'
}

# cpu_ticks PID: user + system CPU time of PID and its children (nginx: master and worker), in clock ticks
cpu_ticks() {
    local total=0 p
    for p in "$1" $(pgrep -P "$1" || true); do
        total=$((total + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2> /dev/null || echo 0)))
    done
    echo $total
}

# cpu_per_request TICKS REQUESTS: the server's CPU time per request in microseconds; this moves far less than req/s
# when other work shares the CPUs
cpu_per_request() {
    awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "%.1f", t * 1e6 / hz / n; else print 0 }'
}

# wrk_run NAME TEST URL [wrk args]: appends "TEST NAME req/s p50 p99 errors cpu_us/req" to results
wrk_run() {
    local name=$1 test=$2 url=$3 out t0
    shift 3
    t0=$(cpu_ticks "$server")
    out=$(timeout $((duration + 30)) taskset -c 1 wrk -t1 -c50 -d"${duration}s" --latency "$@" "$url" 2>&1) || true
    local ticks=$(($(cpu_ticks "$server") - t0))
    echo "$out" > "$work/$name-$test.txt"
    local rps p50 p99 errors
    rps=$(echo "$out" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')
    p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
    p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
    errors=$(echo "$out" | awk '/Non-2xx/ { n += $NF } /Socket errors/ { for (i = 4; i <= NF; i += 2) { gsub(",", "", $i); n += $i } }
        END { print n + 0 }')
    local requests
    requests=$(echo "$out" | awk '/requests in/ { print $1 }')
    echo "$round $test $name ${rps:-0} $p50 $p99 $errors $(cpu_per_request "$ticks" "${requests:-0}")" >> "$work/results"
}

# h2_run NAME URL: h2load over TLS (ALPN h2), latency percentiles from its per-request log
h2_run() {
    local name=$1 url=$2 out t0
    rm -f "$work/h2.log"
    t0=$(cpu_ticks "$server")
    out=$(timeout $((duration + 30)) taskset -c 1 h2load -t1 -c20 -m10 -D "$duration" --log-file="$work/h2.log" "$url" 2>&1) || true
    local ticks=$(($(cpu_ticks "$server") - t0))
    echo "$out" > "$work/$name-h2.txt"
    local rps p50 p99 errors
    rps=$(echo "$out" | awk '/^finished in/ { gsub(",", "", $4); printf "%.0f", $4 }')
    errors=$(echo "$out" | awk '/^requests:/ { print $10 + $12 + $14 }')
    read -r p50 p99 < <(awk -F'\t' '{ print $3 }' "$work/h2.log" 2> /dev/null | sort -n | awk '{ v[NR] = $1 }
        END { if (NR == 0) print "0 0"; else printf "%.2f %.2f\n", v[int(NR * 0.50) + 1] / 1000, v[int(NR * 0.99) + 1] / 1000 }')
    local requests
    requests=$(echo "$out" | awk '/^requests:/ { print $8 }')
    echo "$round h2-tls $name ${rps:-0} $p50 $p99 ${errors:-0} $(cpu_per_request "$ticks" "${requests:-0}")" >> "$work/results"
}

# recording NAME start|stop TEST: with PROFILE, a JFR recording of edgebox (its java is $server: the launcher execs)
# around one load; at stop, the bytes its threads allocated per request go to $work/alloc
recording() {
    [ -n "$profile" ] && [ "$1" = edgebox ] || return 0
    local jcmd="$dist/runtime/bin/jcmd"
    [ -x "$jcmd" ] || jcmd=$(command -v jcmd)
    if [ "$2" = start ]; then
        "$jcmd" "$server" JFR.start name="$3" settings=profile ${PROFILE_EVENTS:-} filename="$profile/$3.jfr" > /dev/null
    else
        "$jcmd" "$server" JFR.stop name="$3" > /dev/null
        local requests
        requests=$(awk -v t="$3" '$1 == 1 && $2 == t && $3 == "edgebox" { print $4 * '"$duration"' }' "$work/results")
        echo "$3 $("$python" "$here/jfr_alloc.py" "$profile/$3.jfr" "${requests:-0}")" >> "$work/alloc"
    fi
}

# rss_kb PID: VmRSS of PID and its children (nginx: master and worker)
rss_kb() {
    local total=0 p
    for p in "$1" $(pgrep -P "$1" || true); do
        total=$((total + $(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2> /dev/null || echo 0)))
    done
    echo $total
}

# idle_run NAME PID COUNT: RSS before and while holding COUNT idle keep-alive connections
idle_run() {
    local name=$1 pid=$2 count=$3 before ready="" held=0 rss=0
    before=$(rss_kb "$pid")
    taskset -c 1 "$python" "$here/idle_clients.py" 127.0.0.1 "${http_port[$name]}" "$count" 5 60 > "$work/$name-idle.txt" 2>&1 &
    local client=$!
    pids+=("$client")
    for _ in $(seq 700); do
        ready=$(awk '/^READY/ { print $2 }' "$work/$name-idle.txt")
        [ -n "$ready" ] && break
        kill -0 "$client" 2> /dev/null || break
        sleep 0.1
    done
    sleep 1
    rss=$(rss_kb "$pid")
    for _ in $(seq 100); do kill -0 "$client" 2> /dev/null || break; sleep 0.1; done
    held=$(awk '/^OPEN/ { print $2 }' "$work/$name-idle.txt")
    stop "$client"
    echo "$name $((before / 1024)) $((rss / 1024)) ${ready:-0} ${held:-0}" >> "$work/idle"
}

: > "$work/results"
: > "$work/idle"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if awk -v l="${load_before%% *}" 'BEGIN { exit !(l > 1.0) }'; then
    log "load average $load_before before the run: other work shares these CPUs, the figures will be noisy"
fi
# All servers run at once (an idle one costs CPU 0 nothing) so that each round measures them one right after the
# other: the machine's drift (nginx alone moved 25-40 % between minutes on this VM) falls on all of them alike.
declare -A server_pid
ran=""
for name in $servers; do
    log "$name: starting on CPU 0"
    start_server "$name" || continue
    server_pid[$name]=$server
    ran="$ran $name"
done
# Warm-up: wrk in four runs (connections opened and closed as traffic does: a JIT that saw only long-lived
# connections deoptimises its hot paths at the first new ones, in the measured window) and h2load.
for name in $ran; do
    http=http://127.0.0.1:${http_port[$name]}
    https=https://127.0.0.1:${https_port[$name]}
    log "$name: warm-up ${warmup} s"
    for _ in 1 2 3 4; do
        timeout $((warmup + 10)) taskset -c 1 wrk -t1 -c50 -d"$(((warmup + 3) / 4))s" "$http/100b" > /dev/null 2>&1 || true
    done
    proto=$(timeout $((warmup + 10)) taskset -c 1 h2load -t1 -c20 -m10 -D "$warmup" "$https/100b" 2>&1 \
        | awk -F': ' '/^TLS Protocol/ { p = $2 } /^Cipher/ { c = $2 } /^Application protocol/ { a = $2 }
            END { print p, c, a }') || true
    log "$name: TLS as h2load negotiated it: $proto"
done
for round in $(seq "$rounds"); do
    log "round $round of $rounds"
    for test in $loads; do
        # the order turns each round, so no server always follows the same one
        order=$(echo $ran | awk -v r="$round" '{ for (i = 0; i < NF; i++) printf "%s ", $(((i + r - 1) % NF) + 1) }')
        for name in $order; do
            server=${server_pid[$name]}
            http=http://127.0.0.1:${http_port[$name]}
            https=https://127.0.0.1:${https_port[$name]}
            [ "$round" = 1 ] && recording "$name" start "$test"
            case $test in
                h1-100B) wrk_run "$name" h1-100B "$http/100b" ;;
                h1-16KiB) wrk_run "$name" h1-16KiB "$http/16k" ;;
                tls13-100B) wrk_run "$name" tls13-100B "$https/100b" ;;
                tls-handshake) wrk_run "$name" tls-handshake "$https/100b" -H "Connection: close" ;;
                h2-tls) h2_run "$name" "$https/100b" ;;
                *) log "unknown load $test (LOADS): skipped" ;;
            esac
            [ "$round" = 1 ] && recording "$name" stop "$test"
        done
    done
done
if [ "$idle" -gt 0 ]; then
    for name in $ran; do
        conns=$idle
        if [ "$name" = haproxy ] && [ "$conns" -gt $((haproxy_maxconn - 10)) ]; then
            conns=$((haproxy_maxconn - 10))
            log "haproxy: maxconn $haproxy_maxconn (open files limit $(ulimit -n)): $conns idle connections, not $idle"
        fi
        log "$name: $conns idle keep-alive connections"
        idle_run "$name" "${server_pid[$name]}" "$conns"
    done
fi
for name in $ran; do stop "${server_pid[$name]}"; done

# --- report ------------------------------------------------------------------------------------------------------
echo
echo "proxy benchmark, $(date -u +%FT%TZ), $(nproc) CPUs, servers on CPU 0, wrk/h2load and backend on CPU 1, $rounds rounds of ${duration} s per load"
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg) (CPUs used by others skew every figure)"
echo "servers:$ran; nginx $(nginx -v 2>&1 | sed 's/.*\///'), HAProxy $(haproxy -v | awk 'NR == 1 { print $3 }')"
echo
echo "each figure: the median of $rounds rounds, [lowest-highest]; x_nginx: the median of the rounds' own ratios"
printf '%-14s %-8s %-22s %7s %-19s %6s %-17s %10s\n' load server req/s p50_ms p99_ms errors x_nginx cpu_us/req
awk '
    function median(list,    v, n, i, j, t) {
        n = split(list, v, " ")
        for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] + 0 > t + 0; j--) v[j + 1] = v[j]; v[j + 1] = t }
        lo = v[1]; hi = v[n]
        return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    { key = $2 SUBSEP $3; rps[key] = rps[key] " " $4; p50[key] = p50[key] " " $5; p99[key] = p99[key] " " $6
      err[key] += $7; cpu[key] = cpu[key] " " $8; val[$1, $2, $3] = $4
      if (!(key in seen)) { seen[key] = 1; order[++n] = key }
      rounds[$1] = 1 }
    END {
        for (k = 1; k <= n; k++) {
            split(order[k], f, SUBSEP); test = f[1]; name = f[2]
            r = median(rps[order[k]]); rs = sprintf("%d [%d-%d]", r, lo, hi)
            q = median(p99[order[k]]); qs = sprintf("%.2f [%.2f-%.2f]", q, lo, hi)
            ratios = ""
            for (rd in rounds) if (val[rd, test, "nginx"] > 0) ratios = ratios " " val[rd, test, name] / val[rd, test, "nginx"]
            xs = "-"
            if (ratios != "") { x = median(ratios); xs = sprintf("%.2f [%.2f-%.2f]", x, lo, hi) }
            printf "%-14s %-8s %-22s %7.2f %-19s %6d %-17s %10.1f\n", test, name, rs, median(p50[order[k]]), qs, err[order[k]],
                xs, median(cpu[order[k]])
        }
    }' "$work/results"
if [ -s "$work/alloc" ]; then
    echo
    echo "edgebox allocation per request (JFR in $profile):"
    cat "$work/alloc"
fi
if [ -s "$work/idle" ]; then
    echo
    printf '%-8s %14s %18s %8s %10s\n' server rss_idle_MiB rss_with_conns_MiB opened still_open
    awk '{ printf "%-8s %14d %18d %8d %10d\n", $1, $2, $3, $4, $5 }' "$work/idle"
fi
