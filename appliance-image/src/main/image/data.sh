#!/bin/sh
# Image build step: the data partition OUT, ext4 made with mkfs.ext4 -d (no mount), with the box's home: /home/etc
# (ETC, the image's configuration), /home/data, /home/deploy, and /home/system and
# /home/features as links into the running slot's /edgebox; /log for the boot and supervisor logs.
# usage: data.sh ETC OUT SIZE_MIB
set -eu
etc=$1
out=$2
size_mib=$3
tree=$(mktemp -d /tmp/edgebox-data.XXXXXX)
trap 'rm -rf "$tree"' EXIT

mkdir -p "$tree/home/data" "$tree/home/deploy" "$tree/log"
cp -R "$etc" "$tree/home/etc"
ln -s /edgebox/system "$tree/home/system"
ln -s /edgebox/features "$tree/home/features"
rm -f "$out"
mkfs.ext4 -q -L edgebox-data -E root_owner=0:0 -d "$tree" "$out" "${size_mib}M" > /dev/null
