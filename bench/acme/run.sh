#!/bin/bash
# ACME benchmark: one DNS-01 issuance (one name, an ECDSA P-256 key) by edgebox, lego and certbot against Debian's
# Pebble on loopback, RUNS times each, median and spread side by side.
#   bench/acme/run.sh [DIST]        DIST defaults to appliance-image/target/edgebox
# Two Pebbles with the same settings (PEBBLE_VA_NOSLEEP=1, PEBBLE_AUTHZREUSE=0, so every order is validated):
#   - one asks pebble-challtestsrv for TXT records: lego (exec provider) and certbot (manual hooks) put their
#     records there with its management API; lego runs with --dns.disable-cp, since its propagation check looks
#     for the zone's SOA, which challtestsrv answers NOTIMP (without the check lego is only faster);
#   - one asks edgebox's own DNS, where the box publishes its records itself (Dns01Publisher).
# lego and certbot: wall time of one `lego run` / `certbot certonly` process (start-up and stored account
# included; the account is registered in a warm-up run that is not measured). edgebox (boot: core, proxy, dns,
# acme): wall time measured outside the box from the Certificate manifest landing in etc/manifests (a rename) to the
# proxy's HTTPS listener presenting a certificate for the new name that curl verifies against this Pebble's root
# (polled every 10 ms); each run names a new dnsName, the account exists from the warm-up issuance. edgebox-log is
# the box's own measure of the same runs, from the start of the issuance to the certificate stored and published
# ("issued ... in N ms" in its log).
# Environment: RUNS (5), PORT_BASE (16400), KEEP=1 keeps the work folder, CLIENTS ("edgebox lego certbot").
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd -P)
dist="${1:-$root/appliance-image/target/edgebox}"
runs=${RUNS:-5}
base=${PORT_BASE:-16400}
clients=${CLIENTS:-edgebox lego certbot}
p1=$((base + 1)); m1=$((base + 2)); p2=$((base + 3)); m2=$((base + 4))
chall_dns=$((base + 5)); chall_mgmt=$((base + 6)); box_dns=$((base + 7)); box_health=$((base + 8))
box_ssh=$((base + 9)); box_https=$((base + 10))

log() { echo "bench: $*" >&2; }

missing=""
for tool in pebble:pebble pebble-challtestsrv:pebble lego:lego certbot:certbot curl:curl openssl:openssl; do
    command -v "${tool%%:*}" > /dev/null || missing="$missing ${tool##*:}"
done
if [ -n "$missing" ]; then
    log "installing$missing"
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod +x /usr/sbin/policy-rc.d
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y $(echo "$missing" | tr ' ' '\n' | sort -u) > /dev/null
fi

work=$(mktemp -d /tmp/edgebox-acme-bench.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2> /dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2> /dev/null || true
    done
    if [ "${KEEP:-0}" = 1 ]; then log "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

await_port() {
    for _ in $(seq 150); do
        (echo > "/dev/tcp/127.0.0.1/$1") 2> /dev/null && return 0
        sleep 0.1
    done
    log "nothing listens on 127.0.0.1:$1"
    return 1
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# --- Pebble's own TLS: a throwaway CA ------------------------------------------------------------------------------
cd "$work"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=bench pebble CA" \
    -keyout ca.key -out ca.pem 2> /dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost -keyout key.pem \
    -out req.pem 2> /dev/null
echo "subjectAltName=IP:127.0.0.1,DNS:localhost" > san.ext
openssl x509 -req -in req.pem -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext \
    -out cert.pem 2> /dev/null

start_pebble() { # NAME PORT MGMT DNSPORT
    cat > "$work/$1.json" << EOF
{"pebble": {"listenAddress": "127.0.0.1:$2", "managementListenAddress": "127.0.0.1:$3",
 "certificate": "$work/cert.pem", "privateKey": "$work/key.pem", "httpPort": $((base + 20)),
 "tlsPort": $((base + 21)), "ocspResponderURL": "", "externalAccountBindingRequired": false}}
EOF
    PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 PEBBLE_AUTHZREUSE=0 \
        pebble -config "$work/$1.json" -dnsserver "127.0.0.1:$4" > "$work/$1.log" 2>&1 &
    pids+=($!)
    await_port "$2"
}

pebble-challtestsrv -dns01 "127.0.0.1:$chall_dns" -http01 "" -https01 "" -tlsalpn01 "" \
    -management "127.0.0.1:$chall_mgmt" -defaultIPv4 127.0.0.1 -defaultIPv6 "" > "$work/challtestsrv.log" 2>&1 &
pids+=($!)
await_port "$chall_mgmt"
start_pebble pebble-peers "$p1" "$m1" "$chall_dns"

# hooks that put TXT records into challtestsrv: lego's exec provider and certbot's manual hooks
cat > "$work/lego-hook.sh" << EOF
#!/bin/sh
# \$1 present|cleanup, \$2 FQDN (with the final dot), \$3 value
case "\$1" in
  present) curl -s -d "{\"host\":\"\$2\",\"value\":\"\$3\"}" http://127.0.0.1:$chall_mgmt/set-txt ;;
  cleanup) curl -s -d "{\"host\":\"\$2\"}" http://127.0.0.1:$chall_mgmt/clear-txt ;;
esac
EOF
cat > "$work/certbot-auth.sh" << EOF
#!/bin/sh
curl -s -d "{\"host\":\"_acme-challenge.\$CERTBOT_DOMAIN.\",\"value\":\"\$CERTBOT_VALIDATION\"}" \
    http://127.0.0.1:$chall_mgmt/set-txt
EOF
cat > "$work/certbot-clean.sh" << EOF
#!/bin/sh
curl -s -d "{\"host\":\"_acme-challenge.\$CERTBOT_DOMAIN.\"}" http://127.0.0.1:$chall_mgmt/clear-txt
EOF
chmod +x "$work"/*.sh

declare -A times

lego_once() { # NAME
    LEGO_CA_CERTIFICATES="$work/ca.pem" EXEC_PATH="$work/lego-hook.sh" \
        lego --server "https://127.0.0.1:$p1/dir" --email bench@bench.test --accept-tos --key-type ec256 \
        --path "$work/lego" --dns exec --dns.resolvers "127.0.0.1:$chall_dns" --dns.disable-cp --domains "$1" run \
        >> "$work/lego.log" 2>&1
}

certbot_once() { # NAME
    REQUESTS_CA_BUNDLE="$work/ca.pem" certbot certonly --non-interactive --agree-tos \
        --register-unsafely-without-email --server "https://127.0.0.1:$p1/dir" --key-type ecdsa \
        --manual --preferred-challenges dns --manual-auth-hook "$work/certbot-auth.sh" \
        --manual-cleanup-hook "$work/certbot-clean.sh" --config-dir "$work/certbot" --work-dir "$work/certbot" \
        --logs-dir "$work/certbot" -d "$1" >> "$work/certbot.log" 2>&1
}

measure_process() { # CLIENT FUNCTION
    "$2" "warmup.$1.bench.test" || { log "$1: warm-up issuance failed, see $work/$1.log"; tail -5 "$work/$1.log" >&2; return 1; }
    local all=""
    for i in $(seq "$runs"); do
        local t0; t0=$(now_ms)
        "$2" "run$i.$1.bench.test" || { log "$1: run $i failed"; tail -5 "$work/$1.log" >&2; return 1; }
        all="$all $(( $(now_ms) - t0 ))"
    done
    times[$1]="$all"
}

edgebox_manifest() { # NAME
    cat > "$work/edgebox/etc/manifests/.bench.yaml" << EOF
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata: {name: pebble}
spec:
  acme:
    server: https://127.0.0.1:$p2/dir
    privateKeySecretRef: {name: bench-account}
    caBundle: $(base64 -w0 "$work/ca.pem")
    solvers: [{dns01: {edgebox: {}}}]
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: bench, namespace: default}
spec:
  secretName: bench-tls
  dnsNames: [$1]
  issuerRef: {name: pebble, kind: ClusterIssuer}
  privateKey: {algorithm: ECDSA, size: 256}
EOF
    mv "$work/edgebox/etc/manifests/.bench.yaml" "$work/edgebox/etc/manifests/bench.yaml"
}

edgebox_served() { # NAME: waits until the proxy presents a certificate for NAME that chains to Pebble's root
    for _ in $(seq 3000); do
        curl -s -o /dev/null --max-time 2 --cacert "$work/pebble-edgebox-root.pem" \
            --resolve "$1:$box_https:127.0.0.1" "https://$1:$box_https/" && return 0
        sleep 0.01
    done
    log "edgebox: the proxy does not serve $1 within 60 s"
    tail -20 "$work/edgebox.log" >&2
    return 1
}

edgebox_await() { # NAME: prints N from "issued for [NAME] in N ms"
    for _ in $(seq 300); do
        local line
        line=$(grep -o "issued for \[$1\] in [0-9]* ms" "$work/edgebox.log" || true)
        if [ -n "$line" ]; then
            echo "$line" | sed 's/.* in \([0-9]*\) ms/\1/'
            return 0
        fi
        sleep 0.1
    done
    log "edgebox: no issuance for $1 within 30 s"
    tail -20 "$work/edgebox.log" >&2
    return 1
}

measure_edgebox() {
    if [ ! -x "$dist/bin/edgebox" ] || ! find "$dist/system" -path '*edgebox*' -name 'acme-*.jar' | grep -q .; then
        log "edgebox: no distribution with the acme bundle at $dist (build it first)"
        return 1
    fi
    local home="$work/edgebox"
    mkdir -p "$home/deploy" "$home/data"
    cp -a "$dist/etc" "$dist/system" "$dist/features" "$home/"
    sed -i "s/^port *=.*/port = $box_health/" "$home/etc/edgebox.health.cfg"
    sed -i "s/^port *=.*/port = $box_ssh/" "$home/etc/edgebox.console.ssh.cfg"
    sed -i "s/^boot *=.*/boot = core, proxy, dns, acme/" "$home/etc/edgebox.features.cfg"
    rm -f "$home"/etc/edgebox.dns*.cfg "$home"/etc/manifests/*.yaml
    printf 'address = 127.0.0.1\nport = %s\n' "$box_dns" > "$home/etc/edgebox.dns.cfg"
    cat > "$home/etc/manifests/gateway.yaml" << EOF
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: bench, namespace: default}
spec:
  gatewayClassName: edgebox
  listeners:
    - name: https
      protocol: HTTPS
      port: $box_https
      tls: {mode: Terminate, certificateRefs: [{kind: Secret, name: bench-tls}]}
EOF
    start_pebble pebble-edgebox "$p2" "$m2" "$box_dns"
    curl -sS -f --cacert "$work/ca.pem" -o "$work/pebble-edgebox-root.pem" "https://127.0.0.1:$m2/roots/0"
    edgebox_manifest warmup.edgebox.bench.test
    "$dist/bin/edgebox" run --home "$home" > "$work/edgebox.log" 2>&1 < /dev/null &
    pids+=($!)
    edgebox_await warmup.edgebox.bench.test > /dev/null
    edgebox_served warmup.edgebox.bench.test
    local all="" own=""
    for i in $(seq "$runs"); do
        local t0; t0=$(now_ms)
        edgebox_manifest "run$i.edgebox.bench.test"
        edgebox_served "run$i.edgebox.bench.test"
        all="$all $(( $(now_ms) - t0 ))"
        own="$own $(edgebox_await "run$i.edgebox.bench.test")"
    done
    times[edgebox]="$all"
    times[edgebox-log]="$own"
}

for c in $clients; do
    log "$c: 1 warm-up + $runs issuances"
    case $c in
        edgebox) measure_edgebox || true ;;
        lego) measure_process lego lego_once || true ;;
        certbot) measure_process certbot certbot_once || true ;;
    esac
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

echo
printf '%-11s %10s %10s %10s  %s\n' client "median ms" "min ms" "max ms" "runs (ms)"
rows=$clients
case " $clients " in *" edgebox "*) rows="$rows edgebox-log" ;; esac
for c in $rows; do
    [ -n "${times[$c]:-}" ] || { printf '%-11s %10s\n' "$c" failed; continue; }
    med=$(echo "${times[$c]}" | median)
    min=$(echo "${times[$c]}" | tr ' ' '\n' | grep . | sort -n | head -1)
    max=$(echo "${times[$c]}" | tr ' ' '\n' | grep . | sort -n | tail -1)
    printf '%-11s %10s %10s %10s  %s\n' "$c" "$med" "$min" "$max" "${times[$c]# }"
done
if [ -n "${times[edgebox]:-}" ]; then
    e=$(echo "${times[edgebox]}" | median)
    for c in lego certbot; do
        [ -n "${times[$c]:-}" ] && awk -v a="$(echo "${times[$c]}" | median)" -v e="$e" -v c="$c" \
            'BEGIN { if (e > 0) printf "%s takes %.1fx edgebox'"'"'s median\n", c, a / e }'
    done
fi
