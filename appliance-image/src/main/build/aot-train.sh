#!/bin/sh
# Image build step: one training start of the distribution DIST writes the JDK 25 AOT cache DIST/lib/edgebox.aot
# (-XX:AOTCacheOutput: recorded while the box boots to ready and serves a first request of each kind, assembled when
# it exits after SIGTERM). The start boots the image's own features and configuration on a scratch home whose
# listeners all have their own ports (health BASE, console BASE+1, DNS BASE+2, the demo Gateway's HTTP BASE+3 and
# HTTPS BASE+4, its backend the health port), so the image's etc/ and data/ stay untouched and no other box is met.
# Once ready it asks what a first client asks (curl and dig when present): HTTP/1.1, HTTPS over HTTP/1.1 and h2
# through the proxy to a backend, the health endpoints, DNS over UDP and TCP for a zone name and a route hostname,
# so the classes of those paths come linked from the cache too.
set -eu
dist=$(cd "$1" && pwd -P)
home=$(mktemp -d /tmp/edgebox-aot.XXXXXX)
trap 'rm -rf "$home"' EXIT
cp -a "$dist/etc" "$dist/system" "$dist/features" "$home/"
mkdir -p "$home/deploy" "$home/data"
base=$((20000 + $$ % 20000))
health=$base ssh=$((base + 1)) dns=$((base + 2)) http=$((base + 3)) https=$((base + 4))
sed -i "s/^port *=.*/port = $health/" "$home/etc/edgebox.health.cfg"
sed -i "s/^port *=.*/port = $ssh/" "$home/etc/edgebox.console.ssh.cfg"
if [ -f "$home/etc/edgebox.dns.cfg" ]; then
    sed -i "s/^port *=.*/port = $dns/" "$home/etc/edgebox.dns.cfg"
fi
for m in "$home"/etc/manifests/*.yaml; do
    if [ -f "$m" ]; then
        sed -i -e "s/port: 8080\$/port: $http/" -e "s/port: 8443\$/port: $https/" -e "s/port: 8081\$/port: $health/" "$m"
    fi
done
rm -f "$dist/lib/edgebox.aot"

# The first request and query of each kind; each bounded in time, failures only reported.
first_requests() {
    if command -v curl > /dev/null; then
        for url in "http://127.0.0.1:$health/readyz" "http://127.0.0.1:$health/metrics" \
                "http://127.0.0.1:$http/readyz" "--http1.1 https://localhost:$https/readyz" \
                "--http2 https://localhost:$https/readyz"; do
            # shellcheck disable=SC2086
            code=$(curl -sk -o /dev/null -w '%{http_code}' --max-time 5 \
                --resolve "localhost:$https:127.0.0.1" $url) || true
            echo "aot-train: GET $url: $code"
        done
    else
        echo "aot-train: no curl: the first HTTP requests' classes are not in the cache"
    fi
    if command -v dig > /dev/null; then
        for q in "www.demo.localhost A" "app.localhost A" "+tcp www.demo.localhost AAAA"; do
            # shellcheck disable=SC2086
            status=$(dig -p "$dns" @127.0.0.1 +time=2 +tries=1 $q | sed -n 's/.*status: \([A-Z]*\).*/\1/p') || true
            echo "aot-train: DNS $q: ${status:-no answer}"
        done
    else
        echo "aot-train: no dig: the first DNS queries' classes are not in the cache"
    fi
}

# No machine code in the cache (-AOTAdapterCaching, -AOTStubCaching): JDK 25 stores adapters and stubs compiled for
# this machine's CPU and runs them on any other without checking its features; on a CPU with fewer (qemu's default
# model, many small x86 boxes) the box died of SIGILL in an AdapterBlob. Classes, linking and heap objects stay.
out="$home/train.out"
EDGEBOX_JAVA_OPTS="-XX:AOTCacheOutput=$dist/lib/edgebox.aot -XX:+UnlockDiagnosticVMOptions -XX:-AOTAdapterCaching \
-XX:-AOTStubCaching" "$dist/bin/edgebox" run --home "$home" > "$out" 2>&1 < /dev/null &
pid=$!
i=0
ready=0
while ! grep -q '^edgebox ready in ' "$out"; do
    i=$((i + 1))
    if [ $i -gt 1200 ] || ! kill -0 "$pid" 2>/dev/null; then
        echo "aot-train: no ready line within 60 s; the cache records the start up to here. Output:" >&2
        cat "$out" >&2
        break
    fi
    sleep 0.05
done
grep -q '^edgebox ready in ' "$out" && ready=1
if [ $ready = 1 ]; then
    first_requests
fi
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" || true
if [ ! -s "$dist/lib/edgebox.aot" ]; then
    echo "aot-train: no AOT cache written; output:" >&2
    cat "$out" >&2
    exit 1
fi
echo "aot-train: $(grep '^edgebox ready in' "$out" || echo 'not ready'); cache $(du -h "$dist/lib/edgebox.aot" | cut -f1)"
