#!/bin/sh
# The box's home on the data partition, /data/home: etc/ is seeded from the slot's defaults (/edgebox/etc) when it
# is missing (the image build seeds it already); system/ and features/ are links into the running slot, so that a
# boot from the other slot runs that slot's bundles with the same configuration and data.
. /lib/edgebox/lib.sh

mkdir -p "$HOME_DIR/data" "$HOME_DIR/deploy"
if [ ! -d "$HOME_DIR/etc" ]; then
    cp -a /edgebox/etc "$HOME_DIR/etc"
    say "home: etc/ seeded from the slot's defaults"
fi
for part in system features; do
    if [ -L "$HOME_DIR/$part" ] || [ ! -e "$HOME_DIR/$part" ]; then
        ln -sfn "/edgebox/$part" "$HOME_DIR/$part"
    fi
done
