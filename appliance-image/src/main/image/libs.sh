#!/bin/sh
# Image build step: copies shared libraries of this machine into ROOT, each at its own path with symbolic links
# resolved: the given files that are system libraries, and every system library the given files load (their ldd
# closure, glibc's loader with it). Libraries of the distribution itself ($ORIGIN) stay where they are.
# usage: libs.sh ROOT FILE...
set -eu
root=$1
shift
for file in "$@"; do
    echo "$file"
    ldd "$file" 2> /dev/null || true
done | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\/(usr\/)?lib(64)?\//) print $i }' | sort -u | while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
done
