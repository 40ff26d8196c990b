package edgebox.lb.maglev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FlowHashTest {

    private static final long SEED = 0x1234_5678_9ABC_DEF0L;

    /** Pinned: two boxes (or two releases) with the same seed must hash a flow alike. */
    @Test
    void theHashIsPinned() {
        assertEquals(0xE8A84592EE533079L, FlowHash.hash(SEED, 0x0A000001, 0x0A000002, 40000, 443, 6));
        assertEquals(0xC66350D08A07B7C3L, FlowHash.hash(SEED, 1L, 2L, 3L, 4L, 40000, 443, 17));
    }

    @Test
    void everyFieldAndTheSeedChangeTheHash() {
        long base = FlowHash.hash(SEED, 0x0A000001, 0x0A000002, 40000, 443, 6);
        assertNotEquals(base, FlowHash.hash(SEED + 1, 0x0A000001, 0x0A000002, 40000, 443, 6));
        assertNotEquals(base, FlowHash.hash(SEED, 0x0A000003, 0x0A000002, 40000, 443, 6));
        assertNotEquals(base, FlowHash.hash(SEED, 0x0A000001, 0x0A000003, 40000, 443, 6));
        assertNotEquals(base, FlowHash.hash(SEED, 0x0A000001, 0x0A000002, 40001, 443, 6));
        assertNotEquals(base, FlowHash.hash(SEED, 0x0A000001, 0x0A000002, 40000, 444, 6));
        assertNotEquals(base, FlowHash.hash(SEED, 0x0A000001, 0x0A000002, 40000, 443, 17));
        assertNotEquals(FlowHash.hash(SEED, 1L, 2L, 3L, 4L, 1, 2, 6), FlowHash.hash(SEED, 2L, 1L, 3L, 4L, 1, 2, 6));
    }

    /** Flows differing only in the client port spread evenly over a table: each of 10 equal backends within 5 % (4 standard deviations). */
    @Test
    void clientPortsSpreadEvenly() {
        MaglevTable table = MaglevTable.build(MaglevTableTest.backends(10), MaglevTable.SIZE_DEFAULT, SEED);
        int[] count = new int[10];
        Random random = new Random(5);
        int client = random.nextInt();
        for (int port = 1024; port < 65536; port++) {
            count[table.pick(FlowHash.hash(SEED, client, 0x0A000002, port, 443, 6))]++;
        }
        double expected = (65536 - 1024) / 10.0;
        for (int c : count) {
            assertEquals(expected, c, expected * 0.05);
        }
    }
}
