#!/bin/sh
# Image build step: a system slot, the squashfs OUT (read-only; also the payload of an upgrade bundle):
#   /boot/vmlinuz, /boot/initrd.img   loaded by GRUB from the slot partition
#   /edgebox/                         the distribution DIST, with ETC as its etc/ (the defaults a new home starts with)
#   /etc/edgebox/release              RELEASE (version= and built=); /etc/edgebox/upgrade.pub: the key upgrades are
#                                     checked with
#   busybox, init and the supervisor (slot/), and the system libraries the JVM, libpcap and JLine load
# usage: slot.sh DIST ETC KVER INITRD RELEASE PUBKEY OUT
set -eu
here=$(cd "$(dirname "$0")" && pwd -P)
dist=$1
etc=$2
kver=$3
initrd=$4
release=$5
pubkey=$6
out=$7
root=$(mktemp -d /tmp/edgebox-slot.XXXXXX)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root/bin" "$root/etc/edgebox" "$root/boot/efi" "$root/dev" "$root/proc" "$root/sys" "$root/run" \
    "$root/tmp" "$root/data"
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list-full | grep -vx bin/busybox); do
    mkdir -p "$root/$(dirname "$applet")"
    ln -sf /bin/busybox "$root/$applet"
done
cp -R "$here/slot/." "$root/"
chmod 755 "$root/etc/init.d/rcS" "$root/etc/init.d/rcK" "$root/sbin/edgebox-supervisor" \
    "$root/lib/edgebox/home.sh" "$root/lib/edgebox/network.sh" "$root/lib/edgebox/udhcpc.script" \
    "$root/lib/edgebox/trial-watch" "$root/etc/acpi/PWRF/00000080"
ln -s /run/resolv.conf "$root/etc/resolv.conf"
ln -s /run/hosts "$root/etc/hosts"

# -p keeps the times: bin/edgebox uses the AOT cache only while it is newer than the jars, and the JVM checks them
cp -Rp "$dist" "$root/edgebox"
rm -rf "$root/edgebox/etc"
cp -Rp "$etc" "$root/edgebox/etc"
cp "/boot/vmlinuz-$kver" "$root/boot/vmlinuz"
cp "$initrd" "$root/boot/initrd.img"
cp "$release" "$root/etc/edgebox/release"
cp "$pubkey" "$root/etc/edgebox/upgrade.pub"

sh "$here/libs.sh" "$root" $(find "$dist/runtime" -type f \( -name '*.so' -o -path '*/bin/*' \)) \
    /usr/lib/x86_64-linux-gnu/libpcap.so.0.8 /lib/x86_64-linux-gnu/libgcc_s.so.1 /lib/x86_64-linux-gnu/libutil.so.1

# xz: GRUB's squash4 reads xz (not zstd or lz4); x86 BCJ filter for the executables
rm -f "$out"
mksquashfs "$root" "$out" -all-root -comp xz -Xbcj x86 -noappend -quiet -no-progress
