#!/bin/sh
# Brings up the network from the home's etc/edgebox.network.cfg, read at boot (a change applies at the next boot):
#   INTERFACE.address  ADDRESS/PREFIX, several separated by commas, or dhcp
#   gateway            the IPv4 default route;  dns  the resolvers the box itself uses (/etc/resolv.conf)
#   hostname
# A bad value is refused with the file, the key and the reason; that setting stays off and the rest comes up.
. /lib/edgebox/lib.sh

cfg=$HOME_DIR/etc/edgebox.network.cfg
refuse() {
    say "edgebox.network: $1: $2; refused"
}

ipv4() {
    echo "$1" | awk -F. 'NF == 4 { for (i = 1; i <= 4; i++) if ($i !~ /^[0-9]+$/ || $i > 255) exit 1; exit 0 } { exit 1 }'
}

# ADDRESS/PREFIX, IPv4 or IPv6 (the names are prefixed_'s own: shell functions share their variables)
prefixed() {
    prefixed_address=${1%/*}
    prefixed_length=${1#*/}
    case $prefixed_length in '' | *[!0-9]*) return 1 ;; esac
    [ "$prefixed_address" != "$1" ] || return 1
    if ipv4 "$prefixed_address"; then
        [ "$prefixed_length" -le 32 ]
    else
        case $prefixed_address in *:*) ;; *) return 1 ;; esac
        case $prefixed_address in *[!0-9a-fA-F:]*) return 1 ;; esac
        [ "$prefixed_length" -le 128 ]
    fi
}

ip link set lo up
hostname "$(cfg_get "$cfg" hostname edgebox)"
printf '127.0.0.1 localhost\n::1 localhost\n127.0.1.1 %s\n' "$(hostname)" > /run/hosts
: > /run/resolv.conf

if [ ! -f "$cfg" ]; then
    say "network: no etc/edgebox.network.cfg in the home: loopback only"
    exit 0
fi

dns=$(cfg_get "$cfg" dns "")
for server in $(echo "$dns" | tr ',' ' '); do
    if ipv4 "$server" || case $server in *:*) true ;; *) false ;; esac; then
        echo "nameserver $server" >> /run/resolv.conf
    else
        refuse dns "'$server' is not an IP address"
    fi
done

interfaces=$(awk '/^[ \t]*[A-Za-z0-9_.-]+\.address[ \t]*[=:]/ { sub(/^[ \t]+/, ""); sub(/\.address.*/, ""); print }' "$cfg")
for dev in $interfaces; do
    key=$dev.address
    if [ ! -e "/sys/class/net/$dev" ]; then
        refuse "$key" "no interface $dev on this machine (it has: $(ls /sys/class/net | tr '\n' ' '))"
        continue
    fi
    value=$(cfg_get "$cfg" "$key" "")
    ip link set "$dev" up
    if [ "$value" = dhcp ]; then
        # at most 5 s in the foreground, then on in the background (udhcpc.script sets address, route and resolvers)
        udhcpc -i "$dev" -b -t 5 -T 1 -A 5 -x "hostname:$(hostname)" -s /lib/edgebox/udhcpc.script > /dev/null 2>&1
        continue
    fi
    for address in $(echo "$value" | tr ',' ' '); do
        if prefixed "$address"; then
            ip addr add "$address" dev "$dev" && say "network: $dev $address"
        else
            refuse "$key" "'$address' is not ADDRESS/PREFIX (such as 172.16.1.59/24) or dhcp"
        fi
    done
done

gateway=$(cfg_get "$cfg" gateway "")
if [ -n "$gateway" ]; then
    if ipv4 "$gateway"; then
        ip route add default via "$gateway" && say "network: gateway $gateway"
    else
        refuse gateway "'$gateway' is not an IPv4 address"
    fi
fi
if [ -n "$dns" ] && [ -s /run/resolv.conf ]; then
    say "network: resolvers $(awk '{ print $2 }' /run/resolv.conf | tr '\n' ' ')"
fi
exit 0
