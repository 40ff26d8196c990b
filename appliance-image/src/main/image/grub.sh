#!/bin/sh
# Image build step: the two GRUB images, made with grub-mkimage from the modules of GRUB's Debian packages:
#   OUT/core.img     legacy BIOS (i386-pc), for the BIOS boot partition: reads its files from partition 2 of the disk
#                    it was loaded from (prefix (,gpt2)/boot/grub)
#   OUT/BOOTX64.EFI  UEFI (x86_64-efi), the ESP's removable-media path: reads its files from that ESP (/boot/grub)
# Both read the ESP's one grub.cfg and grubenv, and load the kernel from a slot's squashfs.
# usage: grub.sh OUT
set -eu
out=$1
modules="part_gpt fat squash4 xzio normal linux configfile loadenv test echo regexp serial terminal sleep reboot"
grub-mkimage -O i386-pc -o "$out/core.img" -p '(,gpt2)/boot/grub' biosdisk $modules
grub-mkimage -O x86_64-efi -o "$out/BOOTX64.EFI" -p /boot/grub efi_gop $modules
