#!/bin/bash
# Maglev disruption and agreement figures for the load balancer (bundles/lb, edgebox.lb.maglev.DisruptionFigures):
# for 3, 10 and 100 backends and each table size, one backend goes; printed per row: the share of 1,000,000 new
# flows that change backend (ideal 1/N, aim <= 1/N + 1 %), the established flows on the remaining backends that
# move once the connection table holds them (aim 0), and the share of flows two boxes that built their tables
# apart send to the same backend (aim >= 99 %).
#   bench/lb/disruption.sh
exec "$(dirname "$0")/../jmh.sh" --main bundles/lb edgebox.lb.maglev.DisruptionFigures "$@"
