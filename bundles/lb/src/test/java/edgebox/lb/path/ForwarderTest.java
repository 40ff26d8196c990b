package edgebox.lb.path;

import static edgebox.lb.path.Segment.toBox;
import static edgebox.lb.frame.TestFrames.ethernet;
import static edgebox.lb.frame.TestFrames.icmp;
import static edgebox.lb.frame.TestFrames.ipv4;
import static edgebox.lb.frame.TestFrames.ipv6;
import static edgebox.lb.frame.TestFrames.tcp;
import static edgebox.lb.frame.TestFrames.udp;
import static edgebox.lb.frame.TestFrames.v4;
import static edgebox.lb.frame.TestFrames.v6;
import static edgebox.lb.plan.Plans.ready;
import static edgebox.lb.plan.Plans.service;
import static edgebox.lb.plan.Plans.slice;
import static edgebox.lb.plan.Plans.terminating;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import edgebox.lb.frame.FrameView;
import edgebox.lb.plan.LbPlan;
import edgebox.lb.plan.LbPlanCompiler;
import edgebox.lb.plan.LbSettings;
import edgebox.lb.plan.Plans;
import edgebox.objects.testing.YamlObjects;

class ForwarderTest {

    static final String VIP = "172.16.1.70";
    static final String VIP6 = "fd00:16:1::70";
    static final String HTTPS = "{name: https, port: 443}";
    static final String SLICE_HTTPS = "{name: https, port: 443}";
    static final String[] BACKENDS = {"10.1.0.1", "10.1.0.2", "10.1.0.3"};

    final ForwarderRig rig = new ForwarderRig();

    static String web(String... endpoints) {
        return service("web", VIP, "", HTTPS) + slice("web-1", "web", "IPv4", "", SLICE_HTTPS, endpoints);
    }

    static LbPlan plan(String... endpoints) {
        return Plans.compile(web(endpoints));
    }

    static LbPlan threeBackends() {
        return plan(ready(BACKENDS[0]), ready(BACKENDS[1]), ready(BACKENDS[2]));
    }

    static long backendMac(int i) {
        return 0x02_00_00_00_0b_00L | (i + 1);
    }

    static byte[] syn(int clientPort) {
        return toBox(ethernet(0x0800, ipv4(v4("192.0.2.10"), v4(VIP), 6, tcp(clientPort, 443, FrameView.TCP_SYN))));
    }

    static byte[] ack(int clientPort) {
        return toBox(ethernet(0x0800, ipv4(v4("192.0.2.10"), v4(VIP), 6, tcp(clientPort, 443, FrameView.TCP_ACK))));
    }

    void resolvedThreeBackends() {
        for (int i = 0; i < BACKENDS.length; i++) {
            rig.segment.host(BACKENDS[i], backendMac(i));
        }
        rig.install(threeBackends());
        rig.resolve();
    }

    /** The backend (its MAC) each of {@code flows} client ports goes to. */
    Map<Integer, Long> owners(int flows, boolean opening) {
        Map<Integer, Long> owners = new HashMap<>();
        for (int p = 40000; p < 40000 + flows; p++) {
            List<byte[]> out = rig.forward(opening ? syn(p) : ack(p));
            assertEquals(1, out.size(), "client port " + p);
            owners.put(p, Segment.destinationMac(out.getFirst()));
        }
        return owners;
    }

    @Test
    void aVipFrameLeavesWithTheBackendsMacAndTheBoxsMacOtherwiseUnchanged() {
        resolvedThreeBackends();
        byte[] frame = syn(40000);
        List<byte[]> out = rig.forward(frame.clone());
        assertEquals(1, out.size());
        byte[] sent = out.getFirst();
        assertTrue(Set.of(backendMac(0), backendMac(1), backendMac(2)).contains(Segment.destinationMac(sent)));
        assertEquals(Segment.BOX_MAC, Segment.sourceMac(sent));
        assertArrayEquals(Arrays.copyOfRange(frame, 12, frame.length), Arrays.copyOfRange(sent, 12, sent.length));
        assertEquals(1, rig.forwarder.servicePackets(0));
        assertEquals(frame.length, rig.forwarder.serviceBytes(0));
    }

    @Test
    void everyPacketOfAFlowGoesToOneBackendAndFlowsSpreadOverAll() {
        resolvedThreeBackends();
        Map<Integer, Long> first = owners(300, true);
        assertEquals(first, owners(300, false));
        assertEquals(3, new HashSet<>(first.values()).size());
    }

    @Test
    void aTableWithoutABackendMovesOnlyThatBackendsFlows() {
        resolvedThreeBackends();
        Map<Integer, Long> before = owners(300, true);
        rig.install(plan(ready(BACKENDS[0]), ready(BACKENDS[2])));
        Map<Integer, Long> after = owners(300, false);
        int moved = 0;
        for (int p : before.keySet()) {
            if (before.get(p) == backendMac(1)) {
                assertNotEquals(backendMac(1), after.get(p));
                moved++;
            } else {
                assertEquals(before.get(p), after.get(p), "a flow of a backend that stayed moved");
            }
        }
        assertTrue(moved > 50, moved + " flows were on the removed backend");
    }

    @Test
    void aDrainingBackendKeepsItsFlowsAndGetsNoNewOnes() {
        resolvedThreeBackends();
        Map<Integer, Long> before = owners(300, true);
        rig.install(plan(ready(BACKENDS[0]), terminating(BACKENDS[1]), ready(BACKENDS[2])));
        assertEquals(before, owners(300, false));
        for (int p = 50000; p < 50300; p++) {
            assertNotEquals(backendMac(1), Segment.destinationMac(rig.forward(syn(p)).getFirst()));
        }
    }

    @Test
    void theFlowsOfABackendThatFailsItsHealthCheckMoveAndTheOthersStay() {
        resolvedThreeBackends();
        Map<Integer, Long> before = owners(300, true);
        rig.install(LbPlanCompiler.compile(YamlObjects.snapshot(web(ready(BACKENDS[0]), ready(BACKENDS[1]),
                ready(BACKENDS[2]))), LbSettings.DEFAULT, (address, port) -> !address.getHostAddress()
                .equals(BACKENDS[1])));
        Map<Integer, Long> after = owners(300, false);
        int moved = 0;
        for (int p : before.keySet()) {
            if (before.get(p) == backendMac(1)) {
                assertNotEquals(backendMac(1), after.get(p));
                moved++;
            } else {
                assertEquals(before.get(p), after.get(p), "a flow of a healthy backend moved");
            }
        }
        assertTrue(moved > 50, moved + " flows were on the failed backend");
    }

    @Test
    void countersCarryOverToATableWithTheSameServiceAndBackends() {
        resolvedThreeBackends();
        owners(10, true);
        rig.install(plan(ready(BACKENDS[0]), ready(BACKENDS[1]), ready(BACKENDS[2]), ready("10.1.0.4")));
        owners(10, false);
        assertEquals(20, rig.forwarder.servicePackets(0));
    }

    @Test
    void anUnknownNeighbourIsAskedForItsFrameDroppedAndForwardedToOnceItAnswers() {
        rig.install(plan(ready(BACKENDS[0])));
        assertEquals(List.of(), rig.forward(syn(40000)));
        assertEquals(1, rig.forwarder.drops(Drop.NEIGHBOUR_UNRESOLVED));
        rig.resolver.probe(rig.now, 100);
        List<byte[]> asked = rig.port.drain();
        assertEquals(1, asked.size());
        assertTrue(Segment.isArpRequest(asked.getFirst(), BACKENDS[0]));
        ByteBuffer request = ByteBuffer.wrap(asked.getFirst());
        assertEquals(v4(Segment.BOX4), request.getInt(28), "asked from the port's address on the backend's subnet");
        assertEquals(Segment.BOX_MAC, Segment.sourceMac(asked.getFirst()));
        rig.feed(Segment.arpReply(BACKENDS[0], backendMac(0), v4(Segment.BOX4)));
        assertEquals(backendMac(0), Segment.destinationMac(rig.forward(syn(40000)).getFirst()));
    }

    @Test
    void anIcmpFragmentationNeededGoesToTheBackendOfTheFlowItQuotes() {
        resolvedThreeBackends();
        Map<Integer, Long> owners = owners(50, true);
        for (int p = 40000; p < 40050; p++) {
            byte[] reply = ipv4(v4(VIP), v4("192.0.2.10"), 6, tcp(443, p, FrameView.TCP_ACK, new byte[0],
                    new byte[1400]));
            byte[] error = toBox(ethernet(0x0800, ipv4(v4("198.51.100.1"), v4(VIP), 1,
                    icmp(3, 4, 1400, Arrays.copyOf(reply, 28)))));
            List<byte[]> out = rig.forward(error);
            assertEquals(owners.get(p), Segment.destinationMac(out.getFirst()), "client port " + p);
        }
    }

    @Test
    void anIcmpErrorAboutAnUnknownFlowGoesWhereTheMaglevTableWouldSendTheFlow() {
        resolvedThreeBackends();
        for (int p = 41000; p < 41030; p++) {
            byte[] reply = ipv4(v4(VIP), v4("192.0.2.10"), 6, tcp(443, p, FrameView.TCP_ACK, new byte[0],
                    new byte[1400]));
            byte[] error = toBox(ethernet(0x0800, ipv4(v4("198.51.100.1"), v4(VIP), 1,
                    icmp(3, 4, 1400, Arrays.copyOf(reply, 28)))));
            long erroredTo = Segment.destinationMac(rig.forward(error).getFirst());
            assertEquals(0, rig.forwarder.connections().size(), "an ICMP error opens no flow");
            assertEquals(erroredTo, Segment.destinationMac(rig.forward(syn(p)).getFirst()), "client port " + p);
            rig.forwarder.connections().expire(rig.now + 3_600_000_000_000L);
        }
    }

    @Test
    void aFrameOverTheMtuIsCountedAndDropped() {
        resolvedThreeBackends();
        byte[] big = toBox(ethernet(0x0800, ipv4(v4("192.0.2.10"), v4(VIP), 6,
                tcp(40000, 443, FrameView.TCP_ACK, new byte[0], new byte[1500]))));
        assertEquals(List.of(), rig.forward(big));
        assertEquals(1, rig.forwarder.drops(Drop.TOO_BIG));
    }

    @Test
    void aVipFrameAddressedToAnotherMacIsCountedAndNotForwarded() {
        resolvedThreeBackends();
        byte[] frame = syn(40000);
        frame[5] ^= 1;
        assertEquals(List.of(), rig.forward(frame));
        assertEquals(1, rig.forwarder.drops(Drop.NOT_TO_THIS_PORT));
    }

    @Test
    void framesForNoServiceAndServicesWithoutBackendsAreCounted() {
        rig.install(plan(terminating(BACKENDS[0])));
        assertEquals(List.of(), rig.forward(syn(40000)));
        assertEquals(1, rig.forwarder.drops(Drop.NO_BACKEND));
        byte[] other = toBox(ethernet(0x0800, ipv4(v4("192.0.2.10"), v4(VIP), 17, udp(40000, 53, new byte[8]))));
        assertEquals(List.of(), rig.forward(other));
        assertEquals(1, rig.forwarder.drops(Drop.NO_SERVICE));
        assertEquals(List.of(), rig.forward(new byte[10]));
        assertEquals(1, rig.forwarder.drops(Drop.TRUNCATED));
    }

    @Test
    void ipv6FramesAreResolvedWithNeighbourDiscoveryAndForwarded() {
        rig.segment.host("fd00:1::1", 0x02_00_00_00_06_01L);
        rig.install(Plans.compile(service("web", VIP6, "", HTTPS)
                + slice("web-6", "web", "IPv6", "", SLICE_HTTPS, ready("fd00:1::1"))));
        rig.resolver.probe(rig.now, 100);
        List<byte[]> asked = rig.port.drain();
        assertEquals(1, asked.size());
        ByteBuffer ns = ByteBuffer.wrap(asked.getFirst());
        assertEquals(0x3333_ff00_0001L, Segment.destinationMac(asked.getFirst()), "solicited-node multicast");
        byte[] source = new byte[16];
        ns.get(22, source);
        assertArrayEquals(v6(Segment.BOX6), source);
        assertEquals(0, icmpv6Checksum(asked.getFirst()), "the solicitation's checksum verifies");
        for (byte[] answer : rig.segment.answers(asked)) {
            rig.feed(answer);
        }
        byte[] frame = toBox(ethernet(0x86dd, ipv6(v6("2001:db8:1::10"), v6(VIP6), 6,
                tcp(40000, 443, FrameView.TCP_SYN))));
        List<byte[]> out = rig.forward(frame.clone());
        assertEquals(0x02_00_00_00_06_01L, Segment.destinationMac(out.getFirst()));
        assertArrayEquals(Arrays.copyOfRange(frame, 12, frame.length),
                Arrays.copyOfRange(out.getFirst(), 12, frame.length));
    }

    @Test
    void aBackendOnNoConnectedSubnetGetsItsFramesInIpipThroughTheRouter() {
        rig.segment.host(Segment.ROUTER4, 0x02_00_00_00_0e_faL);
        rig.install(plan(ready("10.9.0.1")));
        rig.resolve();
        byte[] frame = syn(40000);
        List<byte[]> out = rig.forward(frame.clone());
        assertEquals(1, out.size());
        ByteBuffer sent = ByteBuffer.wrap(out.getFirst());
        assertEquals(0x02_00_00_00_0e_faL, Segment.destinationMac(out.getFirst()));
        assertEquals(4, sent.get(14 + 9), "IP in IP");
        assertEquals(v4(Segment.BOX4), sent.getInt(14 + 12));
        assertEquals(v4("10.9.0.1"), sent.getInt(14 + 16));
        assertArrayEquals(Arrays.copyOfRange(frame, 14, frame.length),
                Arrays.copyOfRange(out.getFirst(), 34, out.getFirst().length));
    }

    @Test
    void withoutARouterAnOffSubnetBackendIsCountedAsNoRoute() {
        rig.install(Plans.compile(service("web", VIP6, "", HTTPS)
                + slice("web-6", "web", "IPv6", "", SLICE_HTTPS, ready("fd09::1"))));
        byte[] frame = toBox(ethernet(0x86dd, ipv6(v6("2001:db8:1::10"), v6(VIP6), 6,
                tcp(40000, 443, FrameView.TCP_SYN))));
        assertEquals(List.of(), rig.forward(frame));
        assertEquals(1, rig.forwarder.drops(Drop.NO_ROUTE));
    }

    private static int icmpv6Checksum(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        int length = b.getShort(18) & 0xffff;
        long sum = 0;
        for (int i = 22; i < 54; i += 2) {
            sum += b.getShort(i) & 0xffff;
        }
        sum += length + 58;
        for (int i = 54; i < 54 + length; i += 2) {
            sum += b.getShort(i) & 0xffff;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) ~sum & 0xffff;
    }
}
