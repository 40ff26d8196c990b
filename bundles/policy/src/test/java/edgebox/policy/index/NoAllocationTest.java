package edgebox.policy.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import edgebox.api.net.Cidr;

/** The verdict path's lookups allocate nothing: a million of them cost no more heap than a small constant. */
class NoAllocationTest {

    static final int ROUNDS = 1_000_000;
    static final long ALLOWANCE = 64 * 1024;
    static final int RULES = 3000;

    final PrefixTrie<String> trie = PrefixTrie.of(Map.of(Cidr.parse("10.0.0.0/8"), "a", Cidr.parse("10.1.0.0/16"),
            "b", Cidr.parse("fd00::/8"), "c", Cidr.parse("fd00:1::/64"), "d"));
    final CidrRuleIndex sources = CidrRuleIndex.build(RULES, List.of(
            new CidrTerm(0, Cidr.parse("10.0.0.0/8"), List.of(Cidr.parse("10.9.0.0/16"))),
            new CidrTerm(2999, Cidr.parse("0.0.0.0/0")), new CidrTerm(1500, Cidr.parse("fd00::/8"))));
    final PortTable ports = PortTable.build(RULES, List.of(new PortTerm(0, PortTable.TCP, 80),
            new PortTerm(1500, PortTable.ANY, 1000, 2000), new PortTerm(2999, PortTable.ANY, 0)));
    final RuleSet destination = RuleSet.of(RULES, 0, 1500, 2999);
    final RuleScratch scratch = new RuleScratch(RULES);
    final int[] addresses = new Random(5).ints(256).toArray();

    long run(int rounds) {
        long checksum = 0;
        for (int i = 0; i < rounds; i++) {
            int a = addresses[i & 255];
            checksum += trie.longest4(a) == null ? 0 : 1;
            checksum += trie.longest6((long) a << 32, a) == null ? 0 : 2;
            RuleSet from = (i & 1) == 0 ? sources.matching4(a) : sources.matching6(0xfd00L << 48 | a, a);
            RuleSet to = ports.matching((i & 2) == 0 ? PortTable.TCP : PortTable.UDP, i & 4095);
            checksum += RuleSet.firstCommon(from, destination, to);
            checksum += scratch.copyOf(from).and(to).or(destination).andNot(to).next(0);
        }
        return checksum;
    }

    @Test
    void aMillionLookupsAllocateNothingPerLookup() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long threadId = Thread.currentThread().threadId();
        long warm = run(ROUNDS);
        long before = threads.getThreadAllocatedBytes(threadId);
        long measured = run(ROUNDS);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertTrue(allocated < ALLOWANCE, allocated + " bytes allocated for " + ROUNDS + " rounds of lookups");
        assertEquals(warm, measured, "the lookups answer the same every round");
    }
}
