package edgebox.lb.maglev;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaglevTableTest {

    private static final long SEED = 0x1234_5678_9ABC_DEF0L;

    static List<MaglevBackend> backends(int count) {
        List<MaglevBackend> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new MaglevBackend("10.42." + (i / 250) + "." + (i % 250 + 1) + ":8080", 1));
        }
        return list;
    }

    private static String backendOfSlot(MaglevTable table, int slot) {
        return table.backends().get(table.slot(slot)).id();
    }

    private static String backendOfFlow(MaglevTable table, long flowHash) {
        return table.backends().get(table.pick(flowHash)).id();
    }

    @Test
    void refusesASizeThatIsNotOffered() {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> MaglevTable.build(backends(3), 65536, SEED));
        assertEquals("Maglev table: size: must be one of 16381, 65537, 131071, was 65536", refused.getMessage());
    }

    @Test
    void refusesABackendListedTwice() {
        var twice = List.of(new MaglevBackend("a:1", 1), new MaglevBackend("b:1", 1), new MaglevBackend("a:1", 2));
        var refused = assertThrows(IllegalArgumentException.class,
                () -> MaglevTable.build(twice, MaglevTable.SIZE_SMALL, SEED));
        assertEquals("Maglev table: backends: id a:1 is listed twice", refused.getMessage());
    }

    @Test
    void refusesAWeightBelowOne() {
        var refused = assertThrows(IllegalArgumentException.class, () -> new MaglevBackend("a:1", 0));
        assertEquals("Maglev backend a:1: weight: must be >= 1, was 0", refused.getMessage());
    }

    @Test
    void withoutBackendsEverySlotIsEmpty() {
        MaglevTable table = MaglevTable.build(List.of(), MaglevTable.SIZE_DEFAULT, SEED);
        assertEquals(65537, table.size());
        for (int slot : table.slots()) {
            assertEquals(MaglevTable.NO_BACKEND, slot);
        }
        assertEquals(MaglevTable.NO_BACKEND, table.pick(-1L));
    }

    @Test
    void oneBackendFillsTheTable() {
        MaglevTable table = MaglevTable.build(List.of(new MaglevBackend("10.0.0.1:80", 7)), MaglevTable.SIZE_LARGE, SEED);
        for (int slot : table.slots()) {
            assertEquals(0, slot);
        }
    }

    @Test
    void everySlotHoldsABackendWhateverTheWeights() {
        List<MaglevBackend> mixed = new ArrayList<>();
        for (int i = 0; i < 37; i++) {
            mixed.add(new MaglevBackend("backend-" + i, 1 + i % 5));
        }
        for (int size : new int[] {MaglevTable.SIZE_SMALL, MaglevTable.SIZE_DEFAULT, MaglevTable.SIZE_LARGE}) {
            MaglevTable table = MaglevTable.build(mixed, size, SEED);
            for (int slot : table.slots()) {
                assertTrue(slot >= 0 && slot < mixed.size(), "slot holds " + slot);
            }
        }
    }

    @Test
    void theSameBackendsInAnyOrderGiveTheSameTable() {
        List<MaglevBackend> list = backends(50);
        MaglevTable first = MaglevTable.build(list, MaglevTable.SIZE_DEFAULT, SEED);
        List<MaglevBackend> shuffled = new ArrayList<>(list);
        Collections.shuffle(shuffled, new Random(7));
        MaglevTable second = MaglevTable.build(shuffled, MaglevTable.SIZE_DEFAULT, SEED);
        assertEquals(first.backends(), second.backends());
        assertArrayEquals(first.slots(), second.slots());
    }

    @Test
    void anotherSeedGivesAnotherTable() {
        MaglevTable first = MaglevTable.build(backends(10), MaglevTable.SIZE_DEFAULT, SEED);
        MaglevTable second = MaglevTable.build(backends(10), MaglevTable.SIZE_DEFAULT, SEED + 1);
        assertFalse(Arrays.equals(first.slots(), second.slots()));
    }

    /** The table's bytes are pinned, so a change to the hash or the fill (which would move flows) shows here. */
    @Test
    void theTableIsPinned() {
        MaglevTable table = MaglevTable.build(backends(3), MaglevTable.SIZE_SMALL, SEED);
        int[] first = new int[12];
        for (int i = 0; i < first.length; i++) {
            first[i] = table.slot(i);
        }
        assertArrayEquals(new int[] {2, 2, 2, 1, 1, 2, 2, 2, 2, 0, 2, 0}, first);
    }

    @Test
    void slotsFollowTheWeightsWithinOnePercent() {
        List<MaglevBackend> weighted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            weighted.add(new MaglevBackend("10.1.0." + (i + 1) + ":443", 1 + i % 4));
        }
        MaglevTable table = MaglevTable.build(weighted, MaglevTable.SIZE_DEFAULT, SEED);
        int[] count = new int[weighted.size()];
        for (int slot : table.slots()) {
            count[slot]++;
        }
        int totalWeight = weighted.stream().mapToInt(MaglevBackend::weight).sum();
        for (int i = 0; i < count.length; i++) {
            MaglevBackend backend = table.backends().get(i);
            double expected = (double) table.size() * backend.weight() / totalWeight;
            assertEquals(expected, count[i], expected * 0.01, backend.id() + " slots");
        }
    }

    @Test
    void removingOneOfTenBackendsMovesAtMostATenthAndOnePercent() {
        List<MaglevBackend> ten = backends(10);
        MaglevTable before = MaglevTable.build(ten, MaglevTable.SIZE_DEFAULT, SEED);
        String removed = ten.get(3).id();
        MaglevTable after = MaglevTable.build(ten.stream().filter(b -> !b.id().equals(removed)).toList(),
                MaglevTable.SIZE_DEFAULT, SEED);
        int changedSlots = 0;
        for (int i = 0; i < before.size(); i++) {
            if (!backendOfSlot(before, i).equals(backendOfSlot(after, i))) {
                changedSlots++;
            }
        }
        double allowed = 1.0 / 10 + 0.01;
        assertTrue((double) changedSlots / before.size() <= allowed, "changed slots " + changedSlots);

        Random random = new Random(11);
        int flows = 100_000;
        int changedFlows = 0;
        for (int f = 0; f < flows; f++) {
            long hash = FlowHash.hash(SEED, random.nextInt(), 0x0A00_0001, random.nextInt(65536), 443, 6);
            if (!backendOfFlow(before, hash).equals(backendOfFlow(after, hash))) {
                changedFlows++;
            }
        }
        assertTrue((double) changedFlows / flows <= allowed, "changed flows " + changedFlows);
    }

    @Test
    void twoTablesBuiltApartAgreeOnEveryFlow() {
        MaglevTable boxA = MaglevTable.build(backends(25), MaglevTable.SIZE_DEFAULT, SEED);
        List<MaglevBackend> reversed = new ArrayList<>(backends(25));
        Collections.reverse(reversed);
        MaglevTable boxB = MaglevTable.build(reversed, MaglevTable.SIZE_DEFAULT, SEED);
        Random random = new Random(13);
        for (int f = 0; f < 100_000; f++) {
            long hash = FlowHash.hash(SEED, random.nextLong(), random.nextLong(), 0x2001_0db8L << 32, 1,
                    random.nextInt(65536), 80, 17);
            assertEquals(backendOfFlow(boxA, hash), backendOfFlow(boxB, hash));
        }
    }
}
