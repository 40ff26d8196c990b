#!/bin/sh
# The disk image build (Maven profile disk): from the distribution DIST and Debian packages of this machine, without
# root, loop mounts or network, makes OUTDIR/edgebox-VERSION.img (raw, GPT, boots by legacy BIOS and by UEFI) and
# OUTDIR/edgebox-VERSION.img.xz. The parts are made in OUTDIR/image/; slot.squashfs there is the system slot, the
# payload of an upgrade bundle, and release its /etc/edgebox/release (the version an upgrade bundle is signed with).
# The image's etc/ is the distribution's with the feature system added to the boot list and etc/edgebox.system.cfg:
# the slot carries it as its defaults, the data partition's home starts with it.
# usage: build-image.sh DIST OUTDIR VERSION UPGRADE_KEY SLOT_MIB DATA_MIB
#   UPGRADE_KEY  the Ed25519 private key (PEM) upgrades are signed with; its public key goes into the slot
set -eu
here=$(cd "$(dirname "$0")" && pwd -P)
PATH=$PATH:/usr/sbin:/sbin
export PATH
dist=$(cd "$1" && pwd -P)
outdir=$2
version=$3
key=$4
slot_mib=$5
data_mib=$6

sh "$here/require.sh"
kver=$(for k in /boot/vmlinuz-*; do echo "${k#/boot/vmlinuz-}"; done | sort -V | tail -n 1)
if [ ! -f "/lib/modules/$kver/modules.dep" ]; then
    echo "disk image: kernel $kver has no /lib/modules/$kver/modules.dep (package linux-image-$kver)" >&2
    exit 1
fi
work=$outdir/image
rm -rf "$work"
mkdir -p "$work"

# the build stamp: SOURCE_DATE_EPOCH when set (a reproducible build), else now
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
    now="-d @$SOURCE_DATE_EPOCH"
else
    now=
fi
# shellcheck disable=SC2086
stamp=$(date -u $now +%Y%m%d%H%M%S)
# shellcheck disable=SC2086
built=$(date -u $now +%Y-%m-%dT%H:%M:%SZ)

openssl pkey -in "$key" -pubout -out "$work/upgrade.pub"
cp -Rp "$dist/etc" "$work/etc"
if ! grep -Eq '^boot *=.*\bsystem\b' "$work/etc/edgebox.features.cfg"; then
    sed -i -E 's/^(boot *=.*[^ ]) *$/\1,system/' "$work/etc/edgebox.features.cfg"
fi
cp "$here/etc/edgebox.system.cfg" "$work/etc/"
printf 'version=%s\nbuilt=%s\n' "$version+$stamp" "$built" > "$work/release"
sh "$here/initramfs.sh" "$kver" "$work/initrd.img"
sh "$here/slot.sh" "$dist" "$work/etc" "$kver" "$work/initrd.img" "$work/release" "$work/upgrade.pub" \
    "$work/slot.squashfs"
sh "$here/grub.sh" "$work"
sh "$here/esp.sh" "$work/esp.img" 64 "$work/BOOTX64.EFI" "$here/esp/grub.cfg"
sh "$here/data.sh" "$work/etc" "$work/data.img" "$data_mib"
image=$outdir/edgebox-$version.img
sh "$here/disk.sh" "$image" "$work/esp.img" "$work/slot.squashfs" "$slot_mib" "$work/data.img" "$work/core.img"
xz -T 2 -3 -f -k "$image"

mib() {
    echo $((($(stat -c %s "$1") + 1048575) / 1048576))
}
echo "disk image: $image, $(mib "$image") MiB raw, $(mib "$image.xz") MiB xz; version $version+$stamp, kernel $kver," \
    "slot $(mib "$work/slot.squashfs") MiB of $slot_mib"
