package edgebox.policy.index;

import static edgebox.policy.index.PortTable.ANY;
import static edgebox.policy.index.PortTable.SCTP;
import static edgebox.policy.index.PortTable.TCP;
import static edgebox.policy.index.PortTable.UDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PortTableTest {

    static final int ICMP = 1;

    @Test
    void aRangeHoldsBothEndsAndNothingPast() {
        PortTable t = PortTable.build(2, List.of(new PortTerm(0, TCP, 8000, 8080), new PortTerm(1, TCP, 80)));
        assertTrue(t.matching(TCP, 7999).isEmpty());
        assertEquals(RuleSet.of(2, 0), t.matching(TCP, 8000));
        assertEquals(RuleSet.of(2, 0), t.matching(TCP, 8040));
        assertEquals(RuleSet.of(2, 0), t.matching(TCP, 8080));
        assertTrue(t.matching(TCP, 8081).isEmpty());
        assertEquals(RuleSet.of(2, 1), t.matching(TCP, 80));
        assertTrue(t.matching(TCP, 79).isEmpty());
        assertTrue(t.matching(TCP, 81).isEmpty());
        assertTrue(t.matching(UDP, 80).isEmpty());
    }

    @Test
    void theEdgesOfThePortSpace() {
        PortTable t = PortTable.build(2, List.of(new PortTerm(0, UDP, 1, 10), new PortTerm(1, UDP, 65000, 65535)));
        assertTrue(t.matching(UDP, 0).isEmpty());
        assertEquals(RuleSet.of(2, 0), t.matching(UDP, 1));
        assertEquals(RuleSet.of(2, 1), t.matching(UDP, 65535));
        assertTrue(t.matching(UDP, 65536).isEmpty());
        assertTrue(t.matching(UDP, -1).isEmpty());
    }

    @Test
    void overlappingRangesMatchTogether() {
        PortTable t = PortTable.build(3, List.of(new PortTerm(0, TCP, 1000, 2000), new PortTerm(1, TCP, 1500, 2500),
                new PortTerm(2, TCP, 2000)));
        assertEquals(RuleSet.of(3, 0), t.matching(TCP, 1499));
        assertEquals(RuleSet.of(3, 0, 1), t.matching(TCP, 1500));
        assertEquals(RuleSet.of(3, 0, 1, 2), t.matching(TCP, 2000));
        assertEquals(RuleSet.of(3, 1), t.matching(TCP, 2001));
        assertEquals(RuleSet.of(3, 1), t.matching(TCP, 2500));
    }

    @Test
    void anyProtocolCoversTcpUdpAndSctp() {
        PortTable t = PortTable.build(2, List.of(new PortTerm(0, ANY, 53), new PortTerm(1, SCTP, 53)));
        assertEquals(RuleSet.of(2, 0), t.matching(TCP, 53));
        assertEquals(RuleSet.of(2, 0), t.matching(UDP, 53));
        assertEquals(RuleSet.of(2, 0, 1), t.matching(SCTP, 53));
        assertTrue(t.matching(ICMP, 53).isEmpty(), "a port rule says nothing of ICMP");
    }

    @Test
    void portZeroIsEveryPortAndWithAnyEveryProtocol() {
        PortTable t = PortTable.build(3, List.of(new PortTerm(0, ANY, 0), new PortTerm(1, TCP, 0),
                new PortTerm(2, UDP, 443)));
        assertEquals(RuleSet.of(3, 0, 1), t.matching(TCP, 0));
        assertEquals(RuleSet.of(3, 0, 1), t.matching(TCP, 65535));
        assertEquals(RuleSet.of(3, 0, 2), t.matching(UDP, 443));
        assertEquals(RuleSet.of(3, 0), t.matching(ICMP, 0));
        assertEquals(RuleSet.of(3, 0), t.matching(58, 0));
    }

    @Test
    void anEmptyTableMatchesNothing() {
        PortTable t = PortTable.build(0, List.of());
        assertTrue(t.matching(TCP, 80).isEmpty());
        assertTrue(t.matching(ICMP, 0).isEmpty());
        assertEquals(3, t.ranges());
    }

    @Test
    void badTermsAreRefusedWithTheField() {
        assertEquals("endPort 79: must be 0 or from port 80 to 65535, with a port",
                assertThrows(IllegalArgumentException.class, () -> new PortTerm(0, TCP, 80, 79)).getMessage());
        assertEquals("endPort 90: must be 0 or from port 0 to 65535, with a port",
                assertThrows(IllegalArgumentException.class, () -> new PortTerm(0, TCP, 0, 90)).getMessage());
        assertEquals("port 65536: must be 0 (all) to 65535",
                assertThrows(IllegalArgumentException.class, () -> new PortTerm(0, TCP, 65536)).getMessage());
        assertEquals("protocol 1: must be TCP (6), UDP (17), SCTP (132) or ANY (0)",
                assertThrows(IllegalArgumentException.class, () -> new PortTerm(0, ICMP, 80)).getMessage());
        assertEquals("term 0: rule 5 outside 0 to 4", assertThrows(IllegalArgumentException.class,
                () -> PortTable.build(5, List.of(new PortTerm(5, TCP, 80)))).getMessage());
    }

    @Test
    void randomTermsAgreeWithALinearScan() {
        Random random = new Random(0x9047);
        int[] protocols = {ANY, TCP, UDP, SCTP};
        for (int round = 0; round < 30; round++) {
            int rules = 1 + random.nextInt(200);
            List<PortTerm> terms = new ArrayList<>();
            for (int i = 0; i < random.nextInt(300); i++) {
                int port = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(2000);
                int end = port == 0 || random.nextBoolean() ? 0 : port + random.nextInt(300);
                terms.add(new PortTerm(random.nextInt(rules), protocols[random.nextInt(4)], port, end));
            }
            PortTable table = PortTable.build(rules, terms);
            for (int q = 0; q < 3000; q++) {
                int protocol = q % 5 == 4 ? ICMP : protocols[1 + q % 3];
                int port = random.nextInt(2400);
                assertEquals(scan(rules, terms, protocol, port), table.matching(protocol, port));
            }
        }
    }

    static RuleSet scan(int rules, List<PortTerm> terms, int protocol, int port) {
        List<Integer> matching = new ArrayList<>();
        for (PortTerm t : terms) {
            boolean other = protocol != TCP && protocol != UDP && protocol != SCTP;
            boolean protocolMatches = other ? t.protocol() == ANY && t.port() == 0
                    : t.protocol() == ANY || t.protocol() == protocol;
            int last = t.endPort() != 0 ? t.endPort() : t.port() == 0 ? 65535 : t.port();
            if (protocolMatches && port >= t.port() && port <= last) {
                matching.add(t.rule());
            }
        }
        return RuleSet.of(rules, matching.stream().mapToInt(Integer::intValue).toArray());
    }
}
