package edgebox.policy.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.api.objects.LabelSelector;
import edgebox.api.objects.LabelSelector.Requirement;
import edgebox.objects.testing.YamlObjects;

/** Looking up a destination and matching selectors against it allocate nothing per lookup. */
class NoAllocationTest {

    static final int ROUNDS = 100_000;
    static final long ALLOWANCE = 64 * 1024;

    final Destinations destinations = Destinations.of(YamlObjects.snapshot(DestinationsTest.WEB + """
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: web-6, namespace: default, labels: {kubernetes.io/service-name: web}}
            addressType: IPv6
            endpoints: [{addresses: ["fd00::11"]}]
            """));
    final int[] v4 = {0x0a00010b, 0x0a00010c, 0x7f000001, 0xc0000201};
    final long[][] v6 = {{0xfd00_0000_0000_0000L, 0x11L}, {0x2001_0db8_0000_0000L, 1L}, {0L, 0xffff_0a00_010bL}};
    final IdentitySelector[] selectors = {
            IdentitySelector.of(new LabelSelector(Map.of("k8s:app", "web"), List.of())),
            IdentitySelector.of(new LabelSelector(Map.of(), List.of(new Requirement("app", "In", List.of("api", "web")),
                    new Requirement("tier", "DoesNotExist", List.of())))),
            IdentitySelector.of(new LabelSelector(Map.of("reserved:host", ""), List.of())),
            IdentitySelector.of(new LabelSelector(Map.of(), List.of(new Requirement("reserved:world", "Exists",
                    List.of())))),
    };

    long run(int rounds) {
        long checksum = 0;
        for (int i = 0; i < rounds; i++) {
            for (int address : v4) {
                checksum += matches(destinations.labelsOf(address));
            }
            for (long[] address : v6) {
                checksum += matches(destinations.labelsOf(address[0], address[1]));
            }
        }
        return checksum;
    }

    long matches(Identity to) {
        long sum = to.id();
        for (IdentitySelector s : selectors) {
            sum = sum * 2 + (s.selects(to) ? 1 : 0);
        }
        return sum;
    }

    @Test
    void lookupsAndSelectorsAllocateNothingPerLookup() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long threadId = Thread.currentThread().threadId();
        long warm = run(ROUNDS / 5);
        long before = threads.getThreadAllocatedBytes(threadId);
        long measured = run(ROUNDS);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertTrue(allocated < ALLOWANCE, allocated + " bytes allocated for " + ROUNDS * (v4.length + v6.length) + " lookups");
        assertEquals(warm * 5, measured, "the lookups answer the same every round");
    }
}
