#!/bin/sh
# Image build step: one training start of the distribution DIST writes the JDK 25 AOT cache DIST/lib/edgebox.aot
# (-XX:AOTCacheOutput: recorded while the box boots to ready, assembled when it exits after SIGTERM). The start
# runs on a scratch home with its own ports, so the image's etc/ and data/ stay untouched.
set -eu
dist=$(cd "$1" && pwd -P)
home=$(mktemp -d /tmp/edgebox-aot.XXXXXX)
trap 'rm -rf "$home"' EXIT
cp -a "$dist/etc" "$dist/system" "$dist/features" "$home/"
mkdir -p "$home/deploy" "$home/data"
base=$((20000 + $$ % 20000))
sed -i "s/^port *=.*/port = $base/" "$home/etc/edgebox.health.cfg"
sed -i "s/^port *=.*/port = $((base + 1))/" "$home/etc/edgebox.console.ssh.cfg"
rm -f "$dist/lib/edgebox.aot"

# No machine code in the cache (-AOTAdapterCaching, -AOTStubCaching): JDK 25 stores adapters and stubs compiled for
# this machine's CPU and runs them on any other without checking its features; on a CPU with fewer (qemu's default
# model, many small x86 boxes) the box died of SIGILL in an AdapterBlob. Classes, linking and heap objects stay.
out="$home/train.out"
EDGEBOX_JAVA_OPTS="-XX:AOTCacheOutput=$dist/lib/edgebox.aot -XX:+UnlockDiagnosticVMOptions -XX:-AOTAdapterCaching \
-XX:-AOTStubCaching" "$dist/bin/edgebox" run --home "$home" > "$out" 2>&1 < /dev/null &
pid=$!
i=0
while ! grep -q '^edgebox ready in ' "$out"; do
    i=$((i + 1))
    if [ $i -gt 1200 ] || ! kill -0 "$pid" 2>/dev/null; then
        echo "aot-train: no ready line within 60 s; the cache records the start up to here. Output:" >&2
        cat "$out" >&2
        break
    fi
    sleep 0.05
done
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" || true
if [ ! -s "$dist/lib/edgebox.aot" ]; then
    echo "aot-train: no AOT cache written; output:" >&2
    cat "$out" >&2
    exit 1
fi
echo "aot-train: $(grep '^edgebox ready in' "$out" || echo 'not ready'); cache $(du -h "$dist/lib/edgebox.aot" | cut -f1)"
