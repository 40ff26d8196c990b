#!/bin/sh
# Image build step: the initramfs OUT (newc cpio, gzip): static busybox, initramfs/init, and the kernel modules the
# boot needs with their dependencies. No device nodes: the kernel's built-in initramfs has /dev/console, and the
# init mounts devtmpfs.
# usage: initramfs.sh KVER OUT
set -eu
here=$(cd "$(dirname "$0")" && pwd -P)
kver=$1
out=$2
tree=$(mktemp -d /tmp/edgebox-initramfs.XXXXXX)
trap 'rm -rf "$tree"' EXIT

mkdir -p "$tree/bin" "$tree/etc"
cp /bin/busybox "$tree/bin/busybox"
cp "$here/initramfs/init" "$tree/init"
chmod 755 "$tree/init"

# disks: virtio, SATA (AHCI), NVMe, USB sticks; file systems: the slots' squashfs, data's ext4 (crc32c), the ESP's
# FAT; network cards: virtio, Intel (e1000, e1000e, igb, igc), Realtek; the ACPI power button (for a clean
# power-off) and USB keyboards for a console on the screen
sh "$here/modules.sh" "$kver" "$tree" \
    virtio_pci virtio_blk virtio_scsi ahci sd_mod nvme xhci_pci ehci_pci usb_storage uas \
    squashfs ext4 crc32c_generic crc32c_intel vfat nls_cp437 nls_ascii nls_utf8 \
    virtio_net e1000 e1000e igb igc r8169 realtek \
    button evdev usbhid hid_generic

(cd "$tree" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -9n > "$out"
