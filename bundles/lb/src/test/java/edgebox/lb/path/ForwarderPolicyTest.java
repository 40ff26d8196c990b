package edgebox.lb.path;

import static edgebox.lb.frame.TestFrames.ethernet;
import static edgebox.lb.frame.TestFrames.icmp;
import static edgebox.lb.frame.TestFrames.ipv4;
import static edgebox.lb.frame.TestFrames.ipv6;
import static edgebox.lb.frame.TestFrames.tcp;
import static edgebox.lb.frame.TestFrames.udp;
import static edgebox.lb.frame.TestFrames.v4;
import static edgebox.lb.frame.TestFrames.v6;
import static edgebox.lb.path.Segment.toBox;
import static edgebox.lb.plan.Plans.ready;
import static edgebox.lb.plan.Plans.service;
import static edgebox.lb.plan.Plans.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import edgebox.api.policy.Decision;
import edgebox.lb.frame.FrameView;
import edgebox.lb.plan.Plans;

/**
 * The forwarder puts each new flow to the policy decision point, with the backend Maglev picked and the service
 * port, and drops what it refuses before the flow enters the connection table; frames of flows the table holds are
 * not asked again.
 */
class ForwarderPolicyTest {

    static final String VIP = "172.16.1.70";
    static final String VIP6 = "fd00:16:1::70";
    static final String CLIENT = "192.0.2.10";
    static final String OTHER_CLIENT = "192.0.2.11";
    static final String BACKEND = "10.1.0.1";
    static final long BACKEND_MAC = 0x02_00_00_00_0b_01L;

    final ForwarderRig rig = new ForwarderRig();

    void oneBackend() {
        rig.segment.host(BACKEND, BACKEND_MAC);
        String ports = "{name: https, port: 443}, {name: dns, port: 53, protocol: UDP}";
        rig.install(Plans.compile(service("web", VIP, "", ports)
                + slice("web-1", "web", "IPv4", "", ports, ready(BACKEND))));
        rig.resolve();
    }

    static byte[] tcpFrom(String client, int clientPort, int flags) {
        return toBox(ethernet(0x0800, ipv4(v4(client), v4(VIP), 6, tcp(clientPort, 443, flags))));
    }

    static byte[] syn(String client, int clientPort) {
        return tcpFrom(client, clientPort, FrameView.TCP_SYN);
    }

    PolicyDouble policy(PolicyDouble pdp) {
        rig.policy = pdp;
        return pdp;
    }

    @Test
    void aDeniedSynIsDroppedCountedAndLeavesNoFlowWhileAnotherClientIsForwarded() {
        oneBackend();
        PolicyDouble pdp = policy(PolicyDouble.answering(CLIENT, Decision.DENY));
        assertEquals(List.of(), rig.forward(syn(CLIENT, 40000)));
        assertEquals(1, rig.forwarder.drops(Drop.POLICY_DENIED));
        assertEquals(0, rig.forwarder.connections().size(), "a refused flow enters no connection table");
        assertEquals("lb " + CLIENT + " -> " + BACKEND + ":443/6", pdp.lastAsk());
        assertEquals(0, rig.forwarder.servicePackets(0));

        List<byte[]> out = rig.forward(syn(OTHER_CLIENT, 40000));
        assertEquals(1, out.size());
        assertEquals(BACKEND_MAC, Segment.destinationMac(out.getFirst()));
        assertEquals("lb " + OTHER_CLIENT + " -> " + BACKEND + ":443/6", pdp.lastAsk());
        assertEquals(1, rig.forwarder.connections().size());
    }

    @Test
    void aRefusedFlowIsAskedAgainAtItsNextFrameAsItLeftNoEntry() {
        oneBackend();
        PolicyDouble pdp = policy(PolicyDouble.answering(CLIENT, Decision.DENY));
        rig.forward(syn(CLIENT, 40000));
        assertEquals(List.of(), rig.forward(syn(CLIENT, 40000)));
        assertEquals(List.of(), rig.forward(tcpFrom(CLIENT, 40000, FrameView.TCP_ACK)));
        assertEquals(3, pdp.asks());
        assertEquals(3, rig.forwarder.drops(Drop.POLICY_DENIED));
    }

    @Test
    void anAllowedFlowIsForwardedAndItsLaterFramesAreNotAskedAgainEvenAfterThePolicyTurns() {
        oneBackend();
        Decision[] answer = {Decision.ALLOW};
        PolicyDouble pdp = policy(new PolicyDouble((ch, cl, dh, dl, proto, port) -> answer[0]));
        assertEquals(1, rig.forward(syn(CLIENT, 40000)).size());
        assertEquals(1, pdp.asks());
        answer[0] = Decision.DENY;
        for (int i = 0; i < 5; i++) {
            assertEquals(1, rig.forward(tcpFrom(CLIENT, 40000, FrameView.TCP_ACK)).size(), "frame " + i);
        }
        assertEquals(1, pdp.asks(), "an established flow is kept as connection tracking keeps it");
        assertEquals(List.of(), rig.forward(syn(CLIENT, 40001)), "a new flow meets the new policy");
        assertEquals(2, pdp.asks());
        assertEquals(6, rig.forwarder.servicePackets(0));
    }

    @Test
    void aTcpFrameOfAFlowTheTableDoesNotHoldIsAskedLikeASyn() {
        oneBackend();
        PolicyDouble pdp = policy(PolicyDouble.answering(CLIENT, Decision.DENY));
        assertEquals(List.of(), rig.forward(tcpFrom(CLIENT, 40000, FrameView.TCP_ACK)));
        assertEquals(1, pdp.asks());
        assertEquals(1, rig.forwarder.drops(Drop.POLICY_DENIED));
    }

    @Test
    void aFlowForWhichL7RulesApplyIsDroppedAsTheLoadBalancerCannotReadItsRequests() {
        oneBackend();
        policy(PolicyDouble.answering(CLIENT, Decision.REQUESTS));
        assertEquals(List.of(), rig.forward(syn(CLIENT, 40000)));
        assertEquals(1, rig.forwarder.drops(Drop.POLICY_DENIED));
        assertEquals(0, rig.forwarder.connections().size());
    }

    @Test
    void aUdpFlowIsAskedWithItsProtocolAndServicePort() {
        oneBackend();
        PolicyDouble pdp = policy(PolicyDouble.answering(CLIENT, Decision.DENY));
        byte[] query = toBox(ethernet(0x0800, ipv4(v4(CLIENT), v4(VIP), 17, udp(40000, 53, new byte[8]))));
        assertEquals(List.of(), rig.forward(query));
        assertEquals("lb " + CLIENT + " -> " + BACKEND + ":53/17", pdp.lastAsk());
    }

    @Test
    void anIpv6FlowIsAskedWithItsAddressesAsNumbers() {
        rig.segment.host("fd00:1::1", 0x02_00_00_00_06_01L);
        rig.install(Plans.compile(service("web", VIP6, "", "{name: https, port: 443}")
                + slice("web-6", "web", "IPv6", "", "{name: https, port: 443}", ready("fd00:1::1"))));
        rig.resolve();
        PolicyDouble pdp = policy(PolicyDouble.answering("2001:db8:1::10", Decision.DENY));
        byte[] frame = toBox(ethernet(0x86dd, ipv6(v6("2001:db8:1::10"), v6(VIP6), 6,
                tcp(40000, 443, FrameView.TCP_SYN))));
        assertEquals(List.of(), rig.forward(frame));
        assertEquals("lb 2001:db8:1::10 -> fd00:1::1:443/6", pdp.lastAsk());
        assertEquals(1, rig.forwarder.drops(Drop.POLICY_DENIED));
    }

    @Test
    void anIcmpErrorAboutAFlowTheTableHoldsPassesUnaskedAndOneAboutARefusedFlowIsDropped() {
        oneBackend();
        PolicyDouble pdp = policy(PolicyDouble.answering(CLIENT, Decision.DENY));
        rig.forward(syn(OTHER_CLIENT, 40000));
        long asks = pdp.asks();
        assertEquals(1, rig.forward(fragmentationNeeded(OTHER_CLIENT, 40000)).size());
        assertEquals(asks, pdp.asks());
        assertEquals(List.of(), rig.forward(fragmentationNeeded(CLIENT, 40000)));
        assertEquals(1, rig.forwarder.drops(Drop.POLICY_DENIED));
        assertEquals(1, rig.forwarder.connections().size());
    }

    /** A router's ICMP "fragmentation needed" about the backend's reply to {@code client}. */
    static byte[] fragmentationNeeded(String client, int clientPort) {
        byte[] reply = ipv4(v4(VIP), v4(client), 6, tcp(443, clientPort, FrameView.TCP_ACK, new byte[0],
                new byte[1400]));
        return toBox(ethernet(0x0800, ipv4(v4("198.51.100.1"), v4(VIP), 1,
                icmp(3, 4, 1400, Arrays.copyOf(reply, 28)))));
    }

    @Test
    void aDecisionPointThatThrowsRefusesTheFlowCountedApart() {
        oneBackend();
        policy(new PolicyDouble((ch, cl, dh, dl, proto, port) -> {
            throw new IllegalStateException("policy tables gone");
        }));
        assertEquals(List.of(), rig.forward(syn(CLIENT, 40000)));
        assertEquals(1, rig.forwarder.drops(Drop.POLICY_FAILED));
        assertEquals(0, rig.forwarder.drops(Drop.POLICY_DENIED));
    }

    @Test
    void withoutADecisionPointEveryFlowIsForwardedAndOnceOneLeavesTheNextFlowIsForwardedAgain() {
        oneBackend();
        assertEquals(1, rig.forward(syn(CLIENT, 40000)).size());
        policy(PolicyDouble.answering(CLIENT, Decision.DENY));
        assertEquals(List.of(), rig.forward(syn(CLIENT, 40001)));
        rig.policy = null;
        assertEquals(1, rig.forward(syn(CLIENT, 40002)).size());
        assertEquals(1, rig.forwarder.drops(Drop.POLICY_DENIED));
        assertTrue(Arrays.stream(Drop.values()).filter(d -> d != Drop.POLICY_DENIED)
                .allMatch(d -> rig.forwarder.drops(d) == 0));
    }
}
