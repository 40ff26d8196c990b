package edgebox.policy.compile;

import static edgebox.policy.SeedPolicies.ALLOW_WEB;
import static edgebox.policy.compile.Fixture.API;
import static edgebox.policy.compile.Fixture.FRONTEND_GROUP;
import static edgebox.policy.compile.Fixture.WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;

import org.junit.jupiter.api.Test;

import edgebox.policy.identity.Identity;

/** An L3/L4 verdict allocates nothing: a million of them cost no more heap than a small constant. */
class NoAllocationTest {

    static final int ROUNDS = 1_000_000;
    static final long ALLOWANCE = 64 * 1024;

    final PolicyTable table = Fixture.compile(ALLOW_WEB + "---\n" + FRONTEND_GROUP + "---\n" + PolicyTableTest.L7
            + """
            ---
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: deny, namespace: default}
            spec:
              endpointSelector: {matchLabels: {app: web}}
              ingressDeny: [{fromCIDRSet: [{cidr: 172.16.0.0/16, except: [172.16.1.0/24]}]}]
            """);
    final Identity[] destinations = {WEB, API, Identity.HOST, Identity.WORLD};
    final int[] addresses = new Random(5).ints(256, 0xAC10_0100, 0xAC10_0200).toArray();

    long run(int rounds) {
        long checksum = 0;
        for (int i = 0; i < rounds; i++) {
            int a = addresses[i & 255];
            Identity d = destinations[i & 3];
            checksum += table.verdict(a, d, (i & 4) == 0 ? 6 : 17, 79 + (i & 3));
            checksum += table.verdict(0xfd00_0001_0000_0000L, a, d, 6, 80);
        }
        return checksum;
    }

    @Test
    void aMillionVerdictsAllocateNothingPerVerdict() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long threadId = Thread.currentThread().threadId();
        long warm = run(ROUNDS);
        long before = threads.getThreadAllocatedBytes(threadId);
        long measured = run(ROUNDS);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertTrue(allocated < ALLOWANCE, allocated + " bytes allocated for " + ROUNDS + " rounds of verdicts");
        assertEquals(warm, measured, "the verdicts answer the same every round");
    }
}
