package edgebox.policy.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RuleSetTest {

    @Test
    void holdsItsRulesAndNoOthers() {
        RuleSet s = RuleSet.of(200, 0, 63, 64, 199);
        assertTrue(s.contains(0) && s.contains(63) && s.contains(64) && s.contains(199));
        assertFalse(s.contains(1) || s.contains(65) || s.contains(200) || s.contains(-1));
        assertEquals(4, s.size());
        assertEquals("[0, 63, 64, 199]", s.toString());
        assertEquals(RuleSet.of(200, 199, 64, 63, 0), s);
    }

    @Test
    void emptySetsAndZeroCapacity() {
        assertTrue(RuleSet.of(0).isEmpty());
        assertTrue(RuleSet.of(10_000).isEmpty());
        assertEquals(-1, RuleSet.of(10_000).next(0));
        assertEquals(-1, RuleSet.firstCommon(RuleSet.of(0), RuleSet.of(0), RuleSet.of(0)));
    }

    @Test
    void aRuleOutsideTheCapacityIsRefused() {
        assertEquals("rule 10: outside 0 to 9",
                assertThrows(IllegalArgumentException.class, () -> RuleSet.of(10, 10)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RuleSet.of(10, -1));
        assertThrows(IllegalArgumentException.class, () -> RuleSet.ofWords(10, new long[] {1L << 10}));
    }

    @Test
    void firstCommonIsTheLowestRuleInAllThree() {
        RuleSet a = RuleSet.of(10_000, 3, 70, 5000, 9999);
        RuleSet b = RuleSet.of(10_000, 70, 5000, 9999);
        RuleSet c = RuleSet.of(10_000, 3, 5000, 9999);
        assertEquals(5000, RuleSet.firstCommon(a, b, c));
        assertEquals(9999, RuleSet.firstCommon(a, b, RuleSet.of(10_000, 3, 9999)));
        assertEquals(-1, RuleSet.firstCommon(a, b, RuleSet.of(10_000, 3, 71)));
        assertEquals(-1, RuleSet.firstCommon(a, RuleSet.of(10_000), c));
    }

    @Test
    void firstCommonAgreesWithScratchIntersection() {
        java.util.Random random = new java.util.Random(12);
        for (int round = 0; round < 500; round++) {
            int capacity = 1 + random.nextInt(9000);
            RuleSet[] sets = new RuleSet[3];
            for (int i = 0; i < 3; i++) {
                int[] rules = random.ints(random.nextInt(capacity) / (1 + random.nextInt(50)), 0, capacity).toArray();
                sets[i] = RuleSet.of(capacity, rules);
            }
            RuleScratch scratch = new RuleScratch(capacity).copyOf(sets[0]).and(sets[1]).and(sets[2]);
            assertEquals(scratch.next(0), RuleSet.firstCommon(sets[0], sets[1], sets[2]));
            assertEquals(new RuleScratch(capacity).copyOf(sets[0]).and(sets[1]).next(0),
                    RuleSet.firstCommon(sets[0], sets[1]), "two sets");
        }
    }

    @Test
    void scratchCombinesInPlace() {
        RuleScratch s = new RuleScratch(300);
        s.copyOf(RuleSet.of(300, 1, 2, 3, 200)).or(RuleSet.of(300, 299)).andNot(RuleSet.of(300, 2, 200));
        assertEquals(RuleSet.of(300, 1, 3, 299), s.toRuleSet());
        s.and(RuleSet.of(300, 3, 299, 150));
        assertEquals("[3, 299]", s.toRuleSet().toString());
        assertEquals(299, s.next(4));
        assertEquals(-1, s.next(300));
        assertFalse(s.isEmpty());
        assertTrue(s.clear().isEmpty());
    }

    @Test
    void scratchTreatsAShorterSetAsEmptyBeyondItsEnd() {
        RuleScratch s = new RuleScratch(200).copyOf(RuleSet.of(200, 5, 150));
        s.and(RuleSet.of(64, 5));
        assertEquals(RuleSet.of(200, 5), s.toRuleSet());
        s.copyOf(RuleSet.of(10, 5));
        assertEquals(RuleSet.of(200, 5), s.toRuleSet());
    }
}
