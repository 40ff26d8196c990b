#!/bin/sh
# Image build step: the EFI system partition OUT, FAT32 made with mkfs.fat and filled with mtools (no mount):
#   /EFI/BOOT/BOOTX64.EFI, /boot/grub/grub.cfg, /boot/grub/grubenv (edgebox_active=A, no trial)
# usage: esp.sh OUT SIZE_MIB BOOTX64.EFI GRUB.CFG
set -eu
out=$1
size_mib=$2
efi=$3
cfg=$4
export MTOOLS_SKIP_CHECK=1
env=$(mktemp /tmp/edgebox-grubenv.XXXXXX)
trap 'rm -f "$env"' EXIT

rm -f "$out"
mkfs.fat -C -F 32 -n EDGEBOOT "$out" $((size_mib * 1024)) > /dev/null
mmd -i "$out" ::/EFI ::/EFI/BOOT ::/boot ::/boot/grub
mcopy -i "$out" "$efi" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$out" "$cfg" ::/boot/grub/grub.cfg
rm -f "$env"
grub-editenv "$env" set edgebox_active=A edgebox_trial= edgebox_trial_boots=0
mcopy -i "$out" "$env" ::/boot/grub/grubenv
