package edgebox.lb.maglev;

import static edgebox.lb.maglev.ConnectionTable.ACK;
import static edgebox.lb.maglev.ConnectionTable.FIN;
import static edgebox.lb.maglev.ConnectionTable.NONE;
import static edgebox.lb.maglev.ConnectionTable.RST;
import static edgebox.lb.maglev.ConnectionTable.SYN;
import static edgebox.lb.maglev.ConnectionTable.TCP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class ConnectionTableTest {

    private static final int UDP = 17;
    private static final int VIP = 0xAC100141; // 172.16.1.65
    private static final long SECOND = 1_000_000_000L;
    private static final IntPredicate ALL_LIVE = backend -> true;
    private static final ConnectionTimeouts SHORT = new ConnectionTimeouts(
            Duration.ofSeconds(5), Duration.ofSeconds(100), Duration.ofSeconds(2), Duration.ofSeconds(30));

    private final ConnectionTable table = new ConnectionTable(100, SHORT);

    private int lookup(int client, int protocol, int flags, long now) {
        return table.lookup(client, VIP, 40000, 443, protocol, flags, now, ALL_LIVE);
    }

    private void insert(int client, int protocol, int flags, int backend, long now) {
        table.insert(client, VIP, 40000, 443, protocol, flags, backend, now);
    }

    @Test
    void refusesANonPositiveCapacityOrTimeout() {
        var capacity = assertThrows(IllegalArgumentException.class, () -> new ConnectionTable(0, SHORT));
        assertEquals("connection table: capacity: must be 1 to 268435456, was 0", capacity.getMessage());
        var timeout = assertThrows(IllegalArgumentException.class, () -> new ConnectionTimeouts(
                Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertEquals("connection timeouts: tcpEstablished: must be positive, was PT0S", timeout.getMessage());
    }

    @Test
    void defaultsAreCiliumsConntrackTimeouts() {
        assertEquals(Duration.ofHours(6), ConnectionTimeouts.DEFAULTS.tcpEstablished());
        assertEquals(Duration.ofSeconds(10), ConnectionTimeouts.DEFAULTS.tcpClosing());
        assertEquals(Duration.ofMinutes(1), ConnectionTimeouts.DEFAULTS.tcpOpening());
        assertEquals(Duration.ofMinutes(1), ConnectionTimeouts.DEFAULTS.udp());
    }

    @Test
    void aKnownFlowKeepsItsBackendAndAnUnknownOneIsAMiss() {
        insert(1, TCP, SYN, 7, 0);
        assertEquals(7, lookup(1, TCP, ACK, SECOND));
        assertEquals(NONE, lookup(2, TCP, ACK, SECOND));
        assertEquals(NONE, lookup(1, UDP, 0, SECOND));
        assertEquals(NONE, table.lookup(1, VIP, 40001, 443, TCP, ACK, SECOND, ALL_LIVE));
        assertEquals(1, table.size());
    }

    @Test
    void theLeastRecentlyUsedFlowMakesRoom() {
        ConnectionTable three = new ConnectionTable(3, SHORT);
        for (int client = 1; client <= 3; client++) {
            three.insert(client, VIP, 40000, 443, UDP, 0, client, client);
        }
        assertEquals(1, three.lookup(1, VIP, 40000, 443, UDP, 0, 4, ALL_LIVE));
        three.insert(4, VIP, 40000, 443, UDP, 0, 4, 5);
        assertEquals(NONE, three.lookup(2, VIP, 40000, 443, UDP, 0, 6, ALL_LIVE));
        assertEquals(1, three.lookup(1, VIP, 40000, 443, UDP, 0, 6, ALL_LIVE));
        assertEquals(3, three.lookup(3, VIP, 40000, 443, UDP, 0, 6, ALL_LIVE));
        assertEquals(4, three.lookup(4, VIP, 40000, 443, UDP, 0, 6, ALL_LIVE));
        assertEquals(1, three.evictions());
        assertEquals(3, three.size());
    }

    @Test
    void theTableNeverHoldsMoreThanItsCapacity() {
        for (int client = 0; client < 1000; client++) {
            insert(client, TCP, SYN, client, client);
            assertEquals(Math.min(client + 1, 100), table.size());
        }
        assertEquals(900, table.evictions());
        assertEquals(NONE, lookup(899, TCP, ACK, 1000));
        assertEquals(900, lookup(900, TCP, ACK, 1000));
    }

    @Test
    void aFullTableCountsAnExpiredOldestEntryAsAnExpiration() {
        ConnectionTable one = new ConnectionTable(1, SHORT);
        one.insert(1, VIP, 40000, 443, UDP, 0, 1, 0);
        one.insert(2, VIP, 40000, 443, UDP, 0, 2, 31 * SECOND);
        assertEquals(1, one.expirations());
        assertEquals(0, one.evictions());
    }

    @Test
    void udpEntriesIdleOutAfterTheUdpTimeout() {
        insert(1, UDP, 0, 3, 0);
        long seen = 29 * SECOND;
        assertEquals(3, lookup(1, UDP, 0, seen));
        assertEquals(3, lookup(1, UDP, 0, seen + 29 * SECOND));
        assertEquals(NONE, lookup(1, UDP, 0, seen + 29 * SECOND + 30 * SECOND));
        assertEquals(1, table.expirations());
        assertEquals(0, table.size());
    }

    @Test
    void aTcpFlowIsOpeningUntilTheClientsNextSegmentThenEstablished() {
        insert(1, TCP, SYN, 3, 0);
        assertEquals(3, lookup(1, TCP, SYN, 4 * SECOND));
        assertEquals(NONE, lookup(1, TCP, ACK, 9 * SECOND));

        insert(2, TCP, SYN, 4, 0);
        assertEquals(4, lookup(2, TCP, ACK, SECOND));
        assertEquals(4, lookup(2, TCP, ACK, 100 * SECOND));
        assertEquals(NONE, lookup(2, TCP, ACK, 200 * SECOND));
        assertEquals(2, table.expirations());
    }

    @Test
    void finOrRstShortensTheTimeout() {
        for (int flag : new int[] {FIN, RST}) {
            int client = flag;
            insert(client, TCP, SYN, 5, 0);
            assertEquals(5, lookup(client, TCP, ACK, SECOND));
            assertEquals(5, lookup(client, TCP, flag | ACK, 10 * SECOND));
            assertEquals(5, lookup(client, TCP, ACK, 11 * SECOND));
            assertEquals(NONE, lookup(client, TCP, ACK, 13 * SECOND), "after " + flag);
        }
        assertEquals(2, table.expirations());
    }

    @Test
    void aSynOnAClosingFlowPicksAgain() {
        insert(1, TCP, SYN, 5, 0);
        assertEquals(5, lookup(1, TCP, ACK, SECOND));
        assertEquals(5, lookup(1, TCP, SYN, SECOND));
        assertEquals(5, lookup(1, TCP, FIN | ACK, SECOND));
        assertEquals(NONE, lookup(1, TCP, SYN, SECOND));
        assertEquals(0, table.size());
    }

    @Test
    void aFlowWhoseBackendIsGonePicksAgain() {
        insert(1, TCP, SYN, 5, 0);
        assertEquals(NONE, table.lookup(1, VIP, 40000, 443, TCP, ACK, SECOND, backend -> backend != 5));
        assertEquals(1, table.backendsGone());
        assertEquals(0, table.size());
    }

    @Test
    void expireDropsEveryIdleEntryWhateverItsPlaceInTheLruOrder() {
        insert(1, TCP, SYN, 1, 0);
        assertEquals(1, lookup(1, TCP, ACK, 0));
        insert(2, UDP, 0, 2, SECOND);
        insert(3, TCP, SYN, 3, 2 * SECOND);
        assertEquals(2, table.expire(40 * SECOND));
        assertEquals(1, table.size());
        assertEquals(1, lookup(1, TCP, ACK, 40 * SECOND));
        assertEquals(2, table.expirations());
    }

    @Test
    void ipv4AndIpv6FlowsAreKeptApart() {
        table.insert(0, 1, 0, 2, 40000, 443, UDP, 0, 6, 0);
        table.insert(1, 2, 40000, 443, UDP, 0, 4, 0);
        assertEquals(6, table.lookup(0, 1, 0, 2, 40000, 443, UDP, 0, 0, ALL_LIVE));
        assertEquals(4, table.lookup(1, 2, 40000, 443, UDP, 0, 0, ALL_LIVE));
        assertEquals(4, table.lookup(0, 0x0000FFFF00000001L, 0, 0x0000FFFF00000002L, 40000, 443, UDP, 0, 0, ALL_LIVE));
    }

    /** Random inserts and lookups against a LinkedHashMap in access order: same hits, same evictions. */
    @Test
    void behavesLikeAnLruMapUnderChurn() {
        ConnectionTable small = new ConnectionTable(64, ConnectionTimeouts.DEFAULTS);
        Map<Integer, Integer> model = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Integer> eldest) {
                return size() > 64;
            }
        };
        Random random = new Random(3);
        for (int step = 0; step < 200_000; step++) {
            int client = random.nextInt(200);
            int port = 1024 + client % 7;
            if (random.nextBoolean()) {
                int backend = random.nextInt(1000);
                small.insert(client, VIP, port, 443, UDP, 0, backend, step);
                model.put(client, backend);
            } else {
                Integer expected = model.get(client);
                assertEquals(expected == null ? NONE : expected,
                        small.lookup(client, VIP, port, 443, UDP, 0, step, ALL_LIVE), "step " + step);
            }
            assertEquals(model.size(), small.size());
        }
    }

    /** The data path: the connection table first, the Maglev table on a miss. */
    private static int route(ConnectionTable connections, MaglevTable maglev, int[] numbers, int client, int flags,
                             IntPredicate live) {
        int backend = connections.lookup(client, VIP, 40000, 443, TCP, flags, 0, live);
        if (backend == NONE) {
            backend = numbers[maglev.pick(FlowHash.hash(1, client, VIP, 40000, 443, TCP))];
            connections.insert(client, VIP, 40000, 443, TCP, flags, backend, 0);
        }
        return backend;
    }

    @Test
    void establishedFlowsKeepTheirBackendWhenTheTableChanges() {
        var before = MaglevTableTest.backends(10);
        var after = new ArrayList<>(before.subList(1, 10));
        after.addAll(MaglevTableTest.backends(12).subList(10, 12));
        var all = MaglevTableTest.backends(12);
        MaglevTable first = MaglevTable.build(before, MaglevTable.SIZE_DEFAULT, 1);
        MaglevTable second = MaglevTable.build(after, MaglevTable.SIZE_DEFAULT, 1);
        int[] firstNumbers = first.backends().stream().mapToInt(all::indexOf).toArray();
        int[] secondNumbers = second.backends().stream().mapToInt(all::indexOf).toArray();
        int removed = all.indexOf(before.get(0));
        ConnectionTable connections = new ConnectionTable(20_000, ConnectionTimeouts.DEFAULTS);
        int[] chosen = new int[10_000];
        for (int client = 0; client < chosen.length; client++) {
            chosen[client] = route(connections, first, firstNumbers, client, SYN, ALL_LIVE);
        }
        IntPredicate liveAfter = backend -> backend != removed;
        int moved = 0;
        for (int client = 0; client < chosen.length; client++) {
            int now = route(connections, second, secondNumbers, client, ACK, liveAfter);
            if (chosen[client] == removed) {
                moved++;
                assertEquals(secondNumbers[second.pick(FlowHash.hash(1, client, VIP, 40000, 443, TCP))], now);
            } else {
                assertEquals(chosen[client], now, "client " + client);
            }
        }
        assertTrue(moved > 500, "flows on the removed backend: " + moved);
        assertEquals(moved, connections.backendsGone());
    }

    @Test
    void peekNamesAFlowsBackendWithoutRefreshingIt() {
        insert(1, TCP, SYN, 7, 0);
        assertEquals(7, table.peek(1, VIP, 40000, 443, TCP, 4 * SECOND));
        assertEquals(ConnectionTable.NONE, table.peek(2, VIP, 40000, 443, TCP, 0));
        assertEquals(ConnectionTable.NONE, table.peek(1, VIP, 40000, 443, TCP, 5 * SECOND),
                "the peek at 4 s did not extend the 5 s opening timeout");
        assertEquals(1, table.size());
    }

    @Test
    void aBoundedSweepContinuesWhereTheLastOneStopped() {
        for (int client = 0; client < 100; client++) {
            insert(client, UDP, 0, 1, 0);
        }
        int dropped = 0;
        for (int call = 0; call < 10; call++) {
            int now = table.expire(31 * SECOND, 10);
            assertTrue(now <= 10);
            dropped += now;
        }
        assertEquals(100, dropped);
        assertEquals(0, table.size());
        assertEquals(100, table.expirations());
    }

    @Test
    void visitShowsUnexpiredEntriesNewestFirstUpToTheLimit() {
        insert(1, UDP, 0, 11, 0);
        insert(2, TCP, SYN, 12, SECOND);
        insert(3, UDP, 0, 13, 2 * SECOND);
        java.util.List<String> seen = new java.util.ArrayList<>();
        int shown = table.visit(2, 3 * SECOND, (sh, sl, dh, dl, sp, dp, protocol, backend, left) ->
                seen.add((int) sl + " " + sp + ">" + dp + "/" + protocol + " b" + backend + " " + left / SECOND));
        assertEquals(2, shown);
        assertEquals(java.util.List.of("3 40000>443/17 b13 29", "2 40000>443/6 b12 3"), seen);
        seen.clear();
        table.visit(10, 6 * SECOND, (sh, sl, dh, dl, sp, dp, protocol, backend, left) -> seen.add("b" + backend));
        assertEquals(java.util.List.of("b13", "b11"), seen, "the expired opening entry is not shown");
    }
}
