#!/bin/sh
# Image build step: checks that the Debian packages the disk image is made from are installed, each by a file it
# ships, and names the missing ones. Nothing is installed here (the build needs no root and no network).
set -eu
PATH=$PATH:/usr/sbin:/sbin
missing=

need() {
    package=$1
    shift
    if ! "$@" > /dev/null 2>&1; then
        missing="$missing $package"
    fi
}

has() {
    command -v "$1"
}

need linux-image-amd64 sh -c 'ls /boot/vmlinuz-* && ls -d /lib/modules/*/kernel'
# busybox-static: a static /bin/busybox (the dynamic one of the package busybox would need the build's glibc)
need busybox-static sh -c '[ -x /bin/busybox ] && ! ldd /bin/busybox'
need grub-common sh -c 'command -v grub-mkimage && command -v grub-editenv'
need grub-pc-bin test -f /usr/lib/grub/i386-pc/boot.img -a -f /usr/lib/grub/i386-pc/diskboot.img
need grub-efi-amd64-bin test -f /usr/lib/grub/x86_64-efi/kernel.img
need mtools has mcopy
need dosfstools has mkfs.fat
need squashfs-tools has mksquashfs
need e2fsprogs has mkfs.ext4
need fdisk has sfdisk
need cpio has cpio
need xz-utils has xz
need openssl has openssl
# the l2 feature and the load balancer's pcap path open libpcap through JNA
need libpcap0.8 test -f /usr/lib/x86_64-linux-gnu/libpcap.so.0.8

if [ -n "$missing" ]; then
    echo "disk image: missing Debian packages:$missing" >&2
    echo "install them with: apt-get install$missing" >&2
    exit 1
fi
