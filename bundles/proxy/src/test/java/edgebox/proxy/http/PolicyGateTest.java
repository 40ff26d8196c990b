package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import edgebox.api.policy.Decision;
import edgebox.api.policy.HttpRequestInfo;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;
import edgebox.proxy.route.AddressNumber;

/** The proxy's connection asks: the family's allocation-free method, addresses as the decision point reads them. */
class PolicyGateTest {

    static AddressNumber number(String literal) {
        return AddressNumber.of(InetAddress.ofLiteral(literal));
    }

    @Test
    void ipv4AddressesAreAskedAsIpv4Numbers() {
        TestPolicy policy = TestPolicy.connections(a -> Decision.ALLOW);
        assertEquals(Decision.ALLOW, PolicyGate.connection(policy, number("172.16.1.20"), number("10.0.0.7"), 8080));
        assertEquals(List.of(new TestPolicy.Ask("proxy", InetAddress.ofLiteral("172.16.1.20"),
                InetAddress.ofLiteral("10.0.0.7"), PolicyDecisionPoint.TCP, 8080)), policy.connections);
    }

    @Test
    void ipv6AndMixedFamiliesAreAskedAsIpv6Numbers() {
        TestPolicy policy = TestPolicy.connections(a -> Decision.REQUESTS);
        assertEquals(Decision.REQUESTS, PolicyGate.connection(policy, number("fd00::1"), number("fd00::2:3"), 443));
        PolicyGate.connection(policy, number("172.16.1.20"), number("fd00::2:3"), 443);
        assertEquals(InetAddress.ofLiteral("fd00::1"), policy.connections.get(0).client());
        assertEquals(InetAddress.ofLiteral("fd00::2:3"), policy.connections.get(0).destination());
        assertEquals(InetAddress.ofLiteral("172.16.1.20"), policy.connections.get(1).client(),
                "an IPv4-mapped client reads as IPv4");
    }

    @Test
    void anUnknownClientIsDeniedWithoutAsking() {
        TestPolicy policy = TestPolicy.connections(a -> Decision.ALLOW);
        assertEquals(Decision.DENY, PolicyGate.connection(policy, null, number("10.0.0.7"), 80));
        assertEquals(List.of(), policy.connections);
    }

    @Test
    void addressNumbersAreTheBigEndianIpv6Form() {
        AddressNumber v4 = number("172.16.1.20");
        assertTrue(v4.ipv4());
        assertEquals(0xAC10_0114, v4.ipv4Bits());
        assertEquals(new AddressNumber(0, 0xffff_AC10_0114L), v4);
        AddressNumber v6 = number("fd00:1:2:3:4:5:6:7");
        assertEquals(new AddressNumber(0xfd00_0001_0002_0003L, 0x0004_0005_0006_0007L), v6);
        assertTrue(!v6.ipv4());
    }

    /** A decision point that answers from its arguments alone, allocating nothing. */
    static final class Quiet implements PolicyDecisionPoint {
        public Decision connection4(String function, int client, int destination, int protocol, int port) {
            return (client ^ destination ^ port) % 5 == 0 ? Decision.DENY : Decision.ALLOW;
        }

        public Decision connection6(String function, long ch, long cl, long dh, long dl, int protocol, int port) {
            return (cl ^ dl ^ port) % 5 == 0 ? Decision.DENY : Decision.ALLOW;
        }

        public Decision connection(String function, InetAddress client, InetAddress destination, int protocol,
                int port) {
            throw new AssertionError("the proxy asks with numbers");
        }

        public Verdict request(HttpRequestInfo request) {
            throw new AssertionError("no L7 rules here");
        }

        public Verdict query(String function, InetAddress client, InetAddress server, int protocol, int port,
                String name) {
            throw new AssertionError("no DNS here");
        }
    }

    @Test
    void aMillionConnectionAsksAllocateNothingPerAsk() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        AddressNumber[] clients = {number("172.16.1.20"), number("172.16.1.21"), number("fd00::1"), null};
        AddressNumber[] backends = {number("10.0.0.7"), number("10.0.0.8"), number("fd00::2:3")};
        PolicyDecisionPoint pdp = new Quiet();
        long warm = asks(pdp, clients, backends);
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
        long measured = asks(pdp, clients, backends);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;
        assertTrue(allocated < 64 * 1024, allocated + " bytes allocated for a million asks");
        assertEquals(warm, measured);
    }

    private static long asks(PolicyDecisionPoint pdp, AddressNumber[] clients, AddressNumber[] backends) {
        long denied = 0;
        for (int i = 0; i < 1_000_000; i++) {
            if (PolicyGate.connection(pdp, clients[i & 3], backends[i % 3], 80 + (i & 7)) == Decision.DENY) {
                denied++;
            }
        }
        return denied;
    }
}
