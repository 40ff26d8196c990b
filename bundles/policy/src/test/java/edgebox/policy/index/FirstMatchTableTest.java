package edgebox.policy.index;

import static edgebox.policy.index.Addresses.high;
import static edgebox.policy.index.Addresses.low;
import static edgebox.policy.index.Addresses.v4;
import static edgebox.policy.index.CidrRuleIndexTest.term;
import static edgebox.policy.index.PortTable.ANY;
import static edgebox.policy.index.PortTable.SCTP;
import static edgebox.policy.index.PortTable.TCP;
import static edgebox.policy.index.PortTable.UDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import edgebox.api.net.Cidr;

class FirstMatchTableTest {

    static final int ICMP = 1;
    static final int NONE = -1;

    /**
     * Rule 0 denies 10.1.0.0/16 everything; rule 1 allows 10.0.0.0/8 TCP 80-89; rule 2 allows fd00::/8 UDP 53;
     * rule 3 names 192.168.0.0/16 and no port.
     */
    final CidrRuleIndex sources = CidrRuleIndex.build(4, List.of(term(0, "10.1.0.0/16"), term(1, "10.0.0.0/8"),
            term(2, "fd00::/8"), term(3, "192.168.0.0/16")));
    final PortTable ports = PortTable.build(4, List.of(new PortTerm(0, ANY, 0), new PortTerm(1, TCP, 80, 89),
            new PortTerm(2, UDP, 53)));
    final FirstMatchTable table = FirstMatchTable.build(sources, ports, new int[] {100, 101, 102, 103},
            NONE, FirstMatchTable.BUDGET);

    @Test
    void theFirstRuleHoldingBothTheAddressAndThePortAnswers() {
        assertEquals(100, table.answer4(v4("10.1.2.3"), TCP, 80));
        assertEquals(100, table.answer4(v4("10.1.2.3"), ICMP, 0));
        assertEquals(101, table.answer4(v4("10.2.0.1"), TCP, 80));
        assertEquals(101, table.answer4(v4("10.2.0.1"), TCP, 89));
        assertEquals(NONE, table.answer4(v4("10.2.0.1"), TCP, 90));
        assertEquals(NONE, table.answer4(v4("10.2.0.1"), UDP, 80));
        assertEquals(NONE, table.answer4(v4("10.2.0.1"), SCTP, 80));
        assertEquals(NONE, table.answer4(v4("11.0.0.1"), TCP, 80));
        assertEquals(NONE, table.answer4(v4("192.168.0.1"), TCP, 80));
        assertEquals(102, table.answer6(high("fd00::53"), low("fd00::53"), UDP, 53));
        assertEquals(NONE, table.answer6(high("fd00::53"), low("fd00::53"), TCP, 53));
        assertEquals(NONE, table.answer6(high("fe00::53"), low("fe00::53"), UDP, 53));
    }

    @Test
    void aPortOutsideTheRangeMatchesNoRuleOfTcpUdpOrSctp() {
        assertEquals(NONE, table.answer4(v4("10.1.2.3"), TCP, -1));
        assertEquals(NONE, table.answer4(v4("10.1.2.3"), UDP, 65536));
        assertEquals(100, table.answer4(v4("10.1.2.3"), TCP, 65535));
        assertEquals(100, table.answer4(v4("10.1.2.3"), ICMP, 70000));
    }

    @Test
    void classesWithTheSameAnswersShareARow() {
        assertEquals(4, table.rows(), "10.1/16, 10/8 less 10.1/16, fd00::/8, and one for 192.168/16 and no block");
        assertEquals(5 + 3, table.ranges(), "192.168/16 merges with the addresses around it");
    }

    @Test
    void aBlockOfMoreThan255PortBoundsIsSearchedWhole() {
        List<PortTerm> terms = new ArrayList<>();
        for (int port = 1; port <= 600; port++) {
            terms.add(new PortTerm(port % 2, TCP, port));
        }
        CidrRuleIndex everyone = CidrRuleIndex.build(2, List.of(term(0, "0.0.0.0/0"), term(1, "0.0.0.0/0")));
        FirstMatchTable t = FirstMatchTable.build(everyone, PortTable.build(2, terms), new int[] {10, 11}, NONE,
                FirstMatchTable.BUDGET);
        assertEquals(NONE, t.answer4(v4("1.2.3.4"), TCP, 0));
        for (int port = 1; port <= 600; port++) {
            assertEquals(10 + port % 2, t.answer4(v4("1.2.3.4"), TCP, port));
        }
        assertEquals(NONE, t.answer4(v4("1.2.3.4"), TCP, 601));
        assertEquals(NONE, t.answer4(v4("1.2.3.4"), UDP, 1));
    }

    @Test
    void aTableOverTheBudgetIsNotBuilt() {
        long needed = 5L * (ports.ranges() + 1);
        assertNull(FirstMatchTable.build(sources, ports, new int[] {1, 2, 3, 4}, NONE, needed - 1));
        assertNotNull(FirstMatchTable.build(sources, ports, new int[] {1, 2, 3, 4}, NONE, needed));
    }

    @Test
    void randomRulesAnswerAsIntersectingTheirSetsDoes() {
        Random random = new Random(0xF125);
        int[] protocols = {ANY, TCP, UDP, SCTP};
        for (int round = 0; round < 40; round++) {
            int rules = 1 + random.nextInt(120);
            int[] bases = random.ints(3).toArray();
            List<CidrTerm> cidrs = new ArrayList<>();
            for (int i = 0; i < random.nextInt(200); i++) {
                Cidr block = CidrRuleIndexTest.block(random, bases, random.nextInt(25));
                List<Cidr> except = new ArrayList<>();
                if (random.nextInt(4) == 0 && block.prefix() < 32) {
                    except.add(new Cidr(block.base(), block.prefix() + 1 + random.nextInt(32 - block.prefix())));
                }
                cidrs.add(new CidrTerm(random.nextInt(rules), block, except));
                if (random.nextInt(5) == 0) {
                    cidrs.add(new CidrTerm(random.nextInt(rules), new Cidr(Addresses.v6(v6High(random, bases), 0),
                            random.nextInt(65))));
                }
            }
            List<PortTerm> portTerms = new ArrayList<>();
            for (int i = 0; i < random.nextInt(200); i++) {
                int port = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(2000);
                int end = port == 0 || random.nextBoolean() ? 0 : port + random.nextInt(300);
                portTerms.add(new PortTerm(random.nextInt(rules), protocols[random.nextInt(4)], port, end));
            }
            CidrRuleIndex index = CidrRuleIndex.build(rules, cidrs);
            PortTable portTable = PortTable.build(rules, portTerms);
            int[] answers = random.ints(rules, 0, 1 + random.nextInt(rules)).toArray();
            FirstMatchTable t = FirstMatchTable.build(index, portTable, answers, NONE, FirstMatchTable.BUDGET);
            for (int q = 0; q < 3000; q++) {
                int protocol = q % 5 == 4 ? ICMP : protocols[1 + q % 3];
                int port = random.nextInt(20) == 0 ? 65530 + random.nextInt(10) : random.nextInt(2400);
                int address = bases[random.nextInt(bases.length)] ^ (random.nextInt() >>> random.nextInt(33));
                assertEquals(expected(answers, index.matching4(address), portTable.matching(protocol, port)),
                        t.answer4(address, protocol, port));
                long h = v6High(random, bases);
                assertEquals(expected(answers, index.matching6(h, 0), portTable.matching(protocol, port)),
                        t.answer6(h, 0, protocol, port));
            }
        }
    }

    static long v6High(Random random, int[] bases) {
        return (long) bases[random.nextInt(bases.length)] << 32 ^ (random.nextLong() >>> random.nextInt(65));
    }

    static int expected(int[] answers, RuleSet source, RuleSet port) {
        int first = RuleSet.firstCommon(source, port);
        return first < 0 ? NONE : answers[first];
    }
}
