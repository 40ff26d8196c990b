package edgebox.policy.index;

import static edgebox.policy.index.Addresses.high;
import static edgebox.policy.index.Addresses.low;
import static edgebox.policy.index.Addresses.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import edgebox.api.net.Cidr;

class CidrRuleIndexTest {

    static CidrTerm term(int rule, String cidr, String... except) {
        return new CidrTerm(rule, Cidr.parse(cidr), List.of(except).stream().map(Cidr::parse).toList());
    }

    @Test
    void everyRuleWhoseBlockHoldsTheAddressMatches() {
        CidrRuleIndex index = CidrRuleIndex.build(4, List.of(term(0, "10.0.0.0/8"), term(1, "10.1.0.0/16"),
                term(2, "0.0.0.0/0"), term(3, "10.1.2.0/24")));
        assertEquals(RuleSet.of(4, 0, 1, 2, 3), index.matching4(v4("10.1.2.3")));
        assertEquals(RuleSet.of(4, 0, 1, 2), index.matching4(v4("10.1.3.3")));
        assertEquals(RuleSet.of(4, 0, 2), index.matching4(v4("10.2.0.0")));
        assertEquals(RuleSet.of(4, 2), index.matching4(v4("192.168.1.1")));
    }

    @Test
    void anExceptionTakesItsRangeOutOfItsOwnTermOnly() {
        CidrRuleIndex index = CidrRuleIndex.build(3, List.of(term(0, "10.0.0.0/8", "10.1.0.0/16", "10.2.3.0/24"),
                term(1, "10.0.0.0/8"), term(2, "10.1.0.0/16")));
        assertEquals(RuleSet.of(3, 0, 1), index.matching4(v4("10.0.0.1")));
        assertEquals(RuleSet.of(3, 1, 2), index.matching4(v4("10.1.0.1")));
        assertEquals(RuleSet.of(3, 1), index.matching4(v4("10.2.3.4")));
        assertEquals(RuleSet.of(3, 0, 1), index.matching4(v4("10.2.4.4")));
        assertEquals(RuleSet.of(3), index.matching4(v4("11.0.0.0")));
    }

    @Test
    void anotherBlockOfTheSameRuleInsideAnExceptionStillMatches() {
        CidrRuleIndex index = CidrRuleIndex.build(1, List.of(term(0, "10.0.0.0/8", "10.1.0.0/16"),
                term(0, "10.1.2.0/24")));
        assertTrue(index.matching4(v4("10.1.2.9")).contains(0));
        assertTrue(index.matching4(v4("10.1.3.9")).isEmpty());
        assertTrue(index.matching4(v4("10.200.0.0")).contains(0));
    }

    @Test
    void nestedAndWholeExceptionsHoldNothing() {
        CidrRuleIndex index = CidrRuleIndex.build(2, List.of(term(0, "fd00::/8", "fd00:1::/32", "fd00:1:2::/48"),
                term(1, "192.168.0.0/16", "192.168.0.0/16")));
        assertTrue(index.matching6(high("fd00:1:2::1"), low("fd00:1:2::1")).isEmpty());
        assertTrue(index.matching6(high("fd00:1:3::1"), low("fd00:1:3::1")).isEmpty());
        assertEquals(RuleSet.of(2, 0), index.matching6(high("fd00:2::1"), low("fd00:2::1")));
        assertTrue(index.matching4(v4("192.168.1.1")).isEmpty());
    }

    @Test
    void ipv4BlocksNeverMatchIpv6AndTheReverse() throws Exception {
        CidrRuleIndex index = CidrRuleIndex.build(2, List.of(term(0, "0.0.0.0/0"), term(1, "::/0")));
        assertEquals(RuleSet.of(2, 0), index.matching4(v4("10.0.0.1")));
        assertEquals(RuleSet.of(2, 1), index.matching6(0, 0));
        assertEquals(RuleSet.of(2, 1), index.matching(InetAddress.getByAddress(new byte[16])));
    }

    @Test
    void anEmptyIndexMatchesNothingAndAnswersOneSharedSet() throws Exception {
        CidrRuleIndex index = CidrRuleIndex.build(10, List.of());
        assertTrue(index.matching4(v4("10.0.0.1")).isEmpty());
        assertSame(index.matching4(1), index.matching6(1, 1));
        assertEquals(0, index.prefixes());
    }

    @Test
    void badTermsAreRefusedWithTheReason() {
        assertEquals("except 11.0.0.0/8: not inside 10.0.0.0/8",
                assertThrows(IllegalArgumentException.class, () -> term(0, "10.0.0.0/8", "11.0.0.0/8")).getMessage());
        assertEquals("except 0.0.0.0/0: not inside 10.0.0.0/8",
                assertThrows(IllegalArgumentException.class, () -> term(0, "10.0.0.0/8", "0.0.0.0/0")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> term(0, "::/0", "10.0.0.0/8"));
        assertEquals("term 1: rule 2 outside 0 to 1", assertThrows(IllegalArgumentException.class,
                () -> CidrRuleIndex.build(2, List.of(term(0, "::/0"), term(2, "::/0")))).getMessage());
    }

    @Test
    void randomTermsAgreeWithALinearScan() {
        Random random = new Random(0xC1D2);
        for (int round = 0; round < 20; round++) {
            int rules = 1 + random.nextInt(100);
            int[] bases = random.ints(3).toArray();
            List<CidrTerm> terms = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(200); i++) {
                Cidr block = block(random, bases, random.nextInt(25));
                List<Cidr> except = new ArrayList<>();
                for (int e = random.nextInt(3); e > 0; e--) {
                    int hostBits = 32 - block.prefix();
                    int host = hostBits == 0 ? 0 : random.nextInt() >>> (32 - hostBits);
                    except.add(new Cidr(Addresses.v4(v4(Cidr.text(block.base())) | host),
                            block.prefix() + random.nextInt(hostBits + 1)));
                }
                terms.add(new CidrTerm(random.nextInt(rules), block, except));
            }
            CidrRuleIndex index = CidrRuleIndex.build(rules, terms);
            for (int q = 0; q < 2000; q++) {
                int address = bases[random.nextInt(bases.length)] ^ (random.nextInt() >>> random.nextInt(33));
                assertEquals(scan(rules, terms, Addresses.v4(address)), index.matching4(address));
            }
        }
    }

    static Cidr block(Random random, int[] bases, int prefix) {
        int address = bases[random.nextInt(bases.length)] ^ (random.nextInt() >>> random.nextInt(32));
        return new Cidr(Addresses.v4(address), prefix + random.nextInt(33 - prefix));
    }

    static RuleSet scan(int rules, List<CidrTerm> terms, InetAddress address) {
        List<Integer> matching = new ArrayList<>();
        for (CidrTerm t : terms) {
            if (t.cidr().contains(address) && !Cidr.anyContains(t.except(), address)) {
                matching.add(t.rule());
            }
        }
        return RuleSet.of(rules, matching.stream().mapToInt(Integer::intValue).toArray());
    }
}
