# Shell functions the slot's boot scripts and supervisor share (sourced, not run).

HOME_DIR=/data/home
GRUBENV=/boot/efi/boot/grub/grubenv

# A line of boot progress on the console (the serial console when the kernel's last console= is one) and in the
# boot log, which goes to /data/log/boot.log once the data partition is mounted.
say() {
    echo "edgebox: $*" > /dev/console
    echo "$(uptime_s) s edgebox: $*" >> /run/boot.log
}

# Seconds since the kernel started (whole seconds).
uptime_s() {
    read -r up _ < /proc/uptime
    echo "${up%.*}"
}

# The value of the kernel parameter NAME=..., or nothing.
cmdline_arg() {
    for arg in $(cat /proc/cmdline); do
        case $arg in
            "$1="*) echo "${arg#*=}"; return ;;
        esac
    done
}

# The device (e.g. vda3) of the GPT partition named NAME, from the kernel's uevent files; fails when there is none.
partition() {
    for uevent in /sys/class/block/*/uevent; do
        if grep -qx "PARTNAME=$1" "$uevent"; then
            sed -n 's/^DEVNAME=//p' "$uevent"
            return 0
        fi
    done
    return 1
}

# The value of KEY in the .cfg (Java properties) FILE, or DEFAULT when the file or the key is missing. One line per
# key: the files these scripts read need no continuation lines.
cfg_get() {
    if [ -f "$1" ] && awk -v key="$2" '
            /^[ \t]*([#!]|$)/ { next }
            {
                line = $0; sub(/^[ \t]+/, "", line); sub(/[ \t\r]+$/, "", line)
                if (!match(line, /[ \t]*[=:][ \t]*/)) next
                if (substr(line, 1, RSTART - 1) == key) { value = substr(line, RSTART + RLENGTH); found = 1 }
            }
            END { if (found) print value; exit !found }' "$1"; then
        return 0
    fi
    echo "$3"
}

# The whole number KEY in FILE, or DEFAULT when missing; a value that is no whole number is refused with the file,
# the key and the reason, and DEFAULT is used.
cfg_seconds() {
    value=$(cfg_get "$1" "$2" "$3")
    case $value in
        '' | *[!0-9]*)
            say "$(basename "$1" .cfg): $2: '$value' is not a whole number of seconds; refused, using $3"
            echo "$3" ;;
        *) echo "$value" ;;
    esac
}

# The value of NAME in GRUB's environment block on the ESP, or nothing.
grubenv_get() {
    sed -n "s/^$1=//p" "$GRUBENV" 2> /dev/null
}

# The terminal of the console: the kernel's last console= (its /dev/console), e.g. ttyS0 or tty1.
console_tty() {
    tty=
    for active in $(cat /sys/class/tty/console/active); do
        tty=$active
    done
    if [ "$tty" = tty0 ]; then
        tty=tty1
    fi
    echo "${tty:-console}"
}
