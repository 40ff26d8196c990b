package edgebox.policy.engine;

import static edgebox.policy.SeedPolicies.ALLOW_WEB;
import static edgebox.policy.engine.EngineFixture.API;
import static edgebox.policy.engine.EngineFixture.FRONTEND_CLIENT;
import static edgebox.policy.engine.EngineFixture.FRONTEND_GROUP;
import static edgebox.policy.engine.EngineFixture.WEB;
import static edgebox.policy.engine.EngineFixture.v4;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import edgebox.api.policy.Decision;

/** Asking the decision point with addresses as numbers allocates nothing, counting included. */
class NoAllocationTest {

    static final int ROUNDS = 1_000_000;
    static final long ALLOWANCE = 64 * 1024;

    final EngineFixture f = new EngineFixture();

    long run(DecisionPoint d, int rounds) {
        long allowed = 0;
        int client = v4(FRONTEND_CLIENT);
        int[] destinations = {v4(WEB), v4(API)};
        long mappedClient = 0xffff_0000_0000L | (client & 0xffffffffL);
        long mappedWeb = 0xffff_0000_0000L | (destinations[0] & 0xffffffffL);
        for (int i = 0; i < rounds; i++) {
            allowed += d.connection4("proxy", client + (i & 15), destinations[i & 1], 6, (i & 1) == 0 ? 80 : 8080)
                    == Decision.ALLOW ? 1 : 0;
            allowed += d.connection6("lb", 0, mappedClient, 0, mappedWeb, 6, 80) == Decision.ALLOW ? 1 : 0;
        }
        return allowed;
    }

    @Test
    void aMillionAsksAllocateNothingPerAsk() {
        f.deliver(ALLOW_WEB + "---\n" + FRONTEND_GROUP);
        DecisionPoint d = f.decisions();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().threadId();
        run(d, ROUNDS);
        long before = threads.getThreadAllocatedBytes(threadId);
        long allowed = run(d, ROUNDS);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertTrue(allowed == 2L * ROUNDS, allowed + " allowed");
        assertTrue(allocated < ALLOWANCE, allocated + " bytes allocated for " + ROUNDS + " rounds of asks");
    }
}
