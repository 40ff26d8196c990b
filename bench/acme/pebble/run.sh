#!/bin/sh
# Pebble (Debian's `pebble`, Let's Encrypt's test ACME server) as the demo's ACME server:
#   bench/acme/pebble/run.sh [DNS]      DNS defaults to 127.0.0.1:5353, the demo box's own DNS
# Directory https://127.0.0.1:14000/dir, issuing root https://127.0.0.1:15000/roots/0. Its own TLS listener uses
# cert.pem/key.pem beside this file, issued by ca.pem, which etc/manifests/acme-pebble.yaml trusts as its caBundle.
# These keys are public (they are in the repository): loopback demos only.
set -e
cd "$(dirname "$0")"
exec env PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 pebble -config pebble.json -dnsserver "${1:-127.0.0.1:5353}"
