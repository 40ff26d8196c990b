#!/bin/sh
# Image build step: copies kernel modules and every module they depend on (modules.dep) into ROOT/lib/modules, and
# writes ROOT/etc/modules.load: one module file a line, each after the modules it needs, in the order the initramfs
# loads them. Modules built into the kernel (modules.builtin) are skipped; an unknown name fails the build.
# usage: modules.sh KVER ROOT MODULE...
set -eu
kver=$1
root=$2
shift 2
src=/lib/modules/$kver

# module name (dashes as underscores) -> "path dep..." with the dependencies in modprobe's load order
order=$(awk -v wanted="$*" -v kver="$kver" '
    function name(path,    n) { n = path; sub(/.*\//, "", n); sub(/\.ko(\.xz)?$/, "", n); gsub(/-/, "_", n); return n }
    FILENAME ~ /modules\.builtin$/ { builtin[name($0)] = 1; next }
    {
        sub(/:$/, "", $1); n = name($1); path[n] = $1; deps[n] = ""
        for (i = NF; i >= 2; i--) deps[n] = deps[n] " " $i
    }
    END {
        split(wanted, list, " ")
        for (w = 1; w in list; w++) {
            n = list[w]; gsub(/-/, "_", n)
            if (n in builtin) continue
            if (!(n in path)) { print "modules: no module " list[w] " in kernel " kver > "/dev/stderr"; exit 1 }
            k = split(deps[n], d, " ")
            for (i = 1; i <= k; i++) if (!(d[i] in seen)) { seen[d[i]] = 1; print d[i] }
            if (!(path[n] in seen)) { seen[path[n]] = 1; print path[n] }
        }
    }' "$src/modules.builtin" "$src/modules.dep")

mkdir -p "$root/lib/modules" "$root/etc"
: > "$root/etc/modules.load"
for path in $order; do
    file=$(basename "$path")
    case $file in
        *.ko) cp "$src/$path" "$root/lib/modules/$file" ;;
        *.ko.xz) file=${file%.xz}; xz -dc "$src/$path" > "$root/lib/modules/$file" ;;
        *) echo "modules: $path: only .ko and .ko.xz modules are handled" >&2; exit 1 ;;
    esac
    echo "$file" >> "$root/etc/modules.load"
done
