#!/bin/bash
# JMH figures for the policy engine's lookup structures (bundles/policy, edgebox.policy.index.IndexBenchmark),
# each at 10, 1000 and 10000 prefixes or rules (nanoseconds per lookup):
#   trie4, trie6      longest-prefix match among random IPv4 /8-/32 or IPv6 /32-/128 blocks
#   verdict           an L3/L4 verdict: the source's rules (trie), the port's (port table), the destination's, and
#                     the first rule in all three (deny rules numbered first)
#   verdictSampled    the same in batches of 16, SampleTime mode: percentiles (p0.99 is the aim's p99)
#   bench/policy/index.sh                 a short run: 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement
#   bench/policy/index.sh -f 3 -i 10 ...  with arguments: JMH runs with these instead (org.openjdk.jmh.Main -h lists them)
exec "$(dirname "$0")/../jmh.sh" bundles/policy edgebox.policy.index.IndexBenchmark "$@"
