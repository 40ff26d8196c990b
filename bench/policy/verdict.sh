#!/bin/bash
# JMH figures for compiled policy verdicts (bundles/policy, edgebox.policy.compile.VerdictBenchmark) at 10, 1000
# and 10000 rules over 64 backend Services and 16 CIDR groups (nanoseconds per verdict):
#   verdict           PolicyTable.verdict: an IPv4 client, a backend identity, TCP and a port
#   verdictSampled    the same in batches of 16, SampleTime mode: percentiles (p0.99 is the aim's p99)
#   bench/policy/verdict.sh               a short run: 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement
#   bench/policy/verdict.sh -f 3 -i 10 ... with arguments: JMH runs with these instead (org.openjdk.jmh.Main -h lists them)
exec "$(dirname "$0")/../jmh.sh" bundles/policy edgebox.policy.compile.VerdictBenchmark "$@"
