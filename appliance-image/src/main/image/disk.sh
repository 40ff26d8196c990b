#!/bin/sh
# Image build step: the GPT disk OUT from its partition images, and the legacy BIOS boot code written as
# grub-bios-setup would: boot.img in the MBR pointing at core.img, core.img in the BIOS boot partition with its block
# list. The partition names are what the running system finds its partitions by.
#   MiB: 1 GPT | 1 bios | ESP | edgebox-a | edgebox-b (same size) | edgebox-data | 1 backup GPT
# usage: disk.sh OUT ESP.img SLOT.squashfs SLOT_MIB DATA.img CORE.img
set -eu
out=$1
esp=$2
slot=$3
slot_mib=$4
data=$5
core=$6

mib() {
    echo $((($(stat -c %s "$1") + 1048575) / 1048576))
}

# little-endian bytes of VALUE as printf escapes
le() {
    value=$1
    n=$2
    escapes=
    while [ "$n" -gt 0 ]; do
        escapes="$escapes\\$(printf %03o $((value & 255)))"
        value=$((value >> 8))
        n=$((n - 1))
    done
    printf %s "$escapes"
}

# writes printf ESCAPES at byte OFFSET of OUT
poke() {
    # shellcheck disable=SC2059
    printf "$2" | dd of="$out" bs=1 seek="$1" conv=notrunc status=none
}

if [ "$(mib "$slot")" -gt "$slot_mib" ]; then
    echo "disk image: the slot image is $(mib "$slot") MiB, more than the slot partitions' $slot_mib MiB" >&2
    exit 1
fi
esp_mib=$(mib "$esp")
data_mib=$(mib "$data")
bios_at=1
esp_at=2
a_at=$((esp_at + esp_mib))
b_at=$((a_at + slot_mib))
data_at=$((b_at + slot_mib))
total=$((data_at + data_mib + 1))

rm -f "$out"
truncate -s "${total}M" "$out"
sfdisk --quiet --no-reread --no-tell-kernel "$out" <<TABLE
label: gpt
unit: sectors
first-lba: 2048
start=$((bios_at * 2048)), size=2048, type=21686148-6449-6E6F-744E-656564454649, name="bios"
start=$((esp_at * 2048)), size=$((esp_mib * 2048)), type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="edgebox-boot"
start=$((a_at * 2048)), size=$((slot_mib * 2048)), type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="edgebox-a"
start=$((b_at * 2048)), size=$((slot_mib * 2048)), type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="edgebox-b"
start=$((data_at * 2048)), size=$((data_mib * 2048)), type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="edgebox-data"
TABLE
dd if="$esp" of="$out" bs=1M seek="$esp_at" conv=notrunc,sparse status=none
dd if="$slot" of="$out" bs=1M seek="$a_at" conv=notrunc,sparse status=none
dd if="$data" of="$out" bs=1M seek="$data_at" conv=notrunc,sparse status=none

# core.img: its first sector (diskboot) loads the rest from the block list at its end: start sector (8 bytes), sector
# count (2), load segment (2, 0x820 as grub-mkimage leaves it)
core_at=$((bios_at * 2048))
core_sectors=$((($(stat -c %s "$core") + 511) / 512))
if [ "$core_sectors" -gt 2048 ]; then
    echo "disk image: core.img needs $core_sectors sectors, the BIOS boot partition has 2048" >&2
    exit 1
fi
dd if="$core" of="$out" bs=512 seek="$core_at" conv=notrunc status=none
poke $((core_at * 512 + 500)) "$(le $((core_at + 1)) 8)$(le $((core_sectors - 1)) 2)$(le 2080 2)"

# boot.img: the first 440 bytes of the MBR (the protective MBR's partition entry stays), with the sector of core.img
# at 0x5c and, as for any hard disk, the boot drive check's jump (0x66) replaced by two NOPs
dd if=/usr/lib/grub/i386-pc/boot.img of="$out" bs=440 count=1 conv=notrunc status=none
poke $((0x5c)) "$(le "$core_at" 8)"
poke $((0x66)) '\220\220'
