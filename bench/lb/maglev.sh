#!/bin/bash
# JMH figures for the load balancer's Maglev code (bundles/lb, edgebox.lb.maglev.MaglevBenchmark):
#   build          a 65537-slot table from 10 and from 1000 weighted backends (microseconds per table)
#   hashAndPick    the 5-tuple hash and one table lookup (nanoseconds per flow)
#   connectionHit  a connection table hit (nanoseconds per packet)
#   bench/lb/maglev.sh                 a short run: 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement
#   bench/lb/maglev.sh -f 3 -i 10 ...  with arguments: JMH runs with these instead (org.openjdk.jmh.Main -h lists them)
exec "$(dirname "$0")/../jmh.sh" bundles/lb edgebox.lb.maglev.MaglevBenchmark "$@"
