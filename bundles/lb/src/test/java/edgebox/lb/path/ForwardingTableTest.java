package edgebox.lb.path;

import static edgebox.lb.plan.Plans.ready;
import static edgebox.lb.plan.Plans.service;
import static edgebox.lb.plan.Plans.slice;
import static edgebox.lb.plan.Plans.terminating;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import edgebox.lb.neigh.IpAddress;
import edgebox.lb.plan.LbPlan;
import edgebox.lb.plan.Plans;

class ForwardingTableTest {

    static final String HTTPS = "{name: https, port: 443}";
    static final String DNS = "{name: dns, port: 53, protocol: UDP}";
    static final String TARGETS = "{name: https, port: 443}, {name: dns, port: 53, protocol: UDP}";

    final Handles services = new Handles("services");
    final Handles backends = new Handles("backends");

    static LbPlan plan(String... endpoints) {
        return Plans.compile(service("web", "172.16.1.70", "", HTTPS, DNS)
                + slice("web-1", "web", "IPv4", "", TARGETS, endpoints)
                + service("web6", "fd00:16:1::70", "", HTTPS)
                + slice("web6-1", "web6", "IPv6", "", "{name: https, port: 443}", ready("fd00:1::1")));
    }

    int find(ForwardingTable t, String vip, int port, int protocol) {
        InetAddress a = InetAddress.ofLiteral(vip);
        return t.service(IpAddress.high(a), IpAddress.low(a), port, protocol);
    }

    @Test
    void servicesAreFoundByVipPortAndProtocolInBothFamilies() {
        ForwardingTable t = ForwardingTable.build(plan(ready("10.1.0.1")), services, backends);
        assertEquals(3, t.services());
        int https = find(t, "172.16.1.70", 443, 6);
        int dns = find(t, "172.16.1.70", 53, 17);
        int https6 = find(t, "fd00:16:1::70", 443, 6);
        assertEquals("172.16.1.70:443/TCP", t.virtualService(https).key().toString());
        assertEquals("172.16.1.70:53/UDP", t.virtualService(dns).key().toString());
        assertEquals("[fd00:16:1::70]:443/TCP", t.virtualService(https6).key().toString());
        assertEquals(ForwardingTable.NONE, find(t, "172.16.1.70", 443, 17));
        assertEquals(ForwardingTable.NONE, find(t, "172.16.1.70", 53, 6));
        assertEquals(ForwardingTable.NONE, find(t, "172.16.1.71", 443, 6));
        assertEquals(ForwardingTable.NONE, find(t, "::ffff:0:0", 443, 6));
    }

    @Test
    void handlesSurviveANewTableAndABackendsFlowsStayWithItsService() {
        ForwardingTable first = ForwardingTable.build(plan(ready("10.1.0.1"), ready("10.1.0.2")), services, backends);
        ForwardingTable second = ForwardingTable.build(plan(ready("10.1.0.2"), terminating("10.1.0.1")), services,
                backends);
        int https = find(first, "172.16.1.70", 443, 6);
        int dns = find(second, "172.16.1.70", 53, 17);
        for (int p = first.firstBackend(https); p < first.firstBackend(https) + 2; p++) {
            int handle = first.backendHandle(p);
            int now = second.position(handle);
            assertEquals(first.backend(p).id(), second.backend(now).id());
            assertTrue(second.keepsFlows(handle, find(second, "172.16.1.70", 443, 6)), "draining keeps flows");
            assertFalse(second.keepsFlows(handle, dns), "a backend handle belongs to one service");
        }
        assertEquals(first.serviceHandle(https), second.serviceHandle(find(second, "172.16.1.70", 443, 6)));
    }

    @Test
    void aFreedHandleReusedByANewBackendDoesNotMatchTheOldOne() {
        ForwardingTable first = ForwardingTable.build(plan(ready("10.1.0.1")), services, backends);
        int https = find(first, "172.16.1.70", 443, 6);
        int dns = find(first, "172.16.1.70", 53, 17);
        int old = first.backendHandle(first.firstBackend(https));
        Set<Integer> freed = Set.of(Handles.slot(old), Handles.slot(first.backendHandle(first.firstBackend(dns))));
        ForwardingTable.build(plan(ready("10.1.0.9")), services, backends);
        ForwardingTable third = ForwardingTable.build(plan(ready("10.1.0.8"), ready("10.1.0.9")), services, backends);
        Set<Integer> newcomers = new HashSet<>();
        for (int p = 0; p < third.backends(); p++) {
            if (third.backend(p).address().getHostAddress().equals("10.1.0.8")) {
                int reused = third.backendHandle(p);
                newcomers.add(Handles.slot(reused));
                assertNotEquals(old, reused);
            }
        }
        assertEquals(freed, newcomers, "the newcomer took the slots freed a table earlier");
        assertEquals(ForwardingTable.NONE, third.position(old));
        assertFalse(third.keepsFlows(old, find(third, "172.16.1.70", 443, 6)));
    }

    @Test
    void eachActiveBackendHoldsItsShareOfTheMaglevSlotsAndDrainingNone() {
        ForwardingTable t = ForwardingTable.build(plan(ready("10.1.0.1"), ready("10.1.0.2"), terminating("10.1.0.3")),
                services, backends);
        int https = find(t, "172.16.1.70", 443, 6);
        int first = t.firstBackend(https);
        int size = t.virtualService(https).table().size();
        assertEquals(size, t.tableSlots(first) + t.tableSlots(first + 1));
        assertEquals(0, t.tableSlots(first + 2));
        assertEquals(ForwardingTable.DRAINING, t.state(first + 2));
        assertTrue(Math.abs(t.tableSlots(first) - size / 2) < size / 50);
    }
}
