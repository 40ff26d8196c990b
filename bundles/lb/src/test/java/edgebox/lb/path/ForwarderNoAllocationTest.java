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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import edgebox.api.policy.Decision;
import edgebox.lb.frame.FrameView;
import edgebox.lb.neigh.IpAddress;
import edgebox.lb.plan.Plans;

/**
 * The forwarder allocates nothing per frame: DSR, IPIP, IPv6, new and known flows, ICMP errors, ARP replies and
 * drops, and the policy decision point asked about new flows (allowed, denied, L7 rules), a million frames for no
 * more heap than a small constant.
 */
class ForwarderNoAllocationTest {

    static final int ROUNDS = 100_000;
    static final long ALLOWANCE = 64 * 1024;
    static final String VIP = "172.16.1.70";
    static final String VIP6 = "fd00:16:1::70";
    static final String DENIED = "192.0.2.66";
    static final String L7 = "192.0.2.77";
    static final String DENIED6 = "2001:db8:1::66";

    final ForwarderRig rig = new ForwarderRig(new MemoryPort("eblb0", Segment.BOX_MAC, 1500, 64));
    final List<ByteBuffer> frames = new ArrayList<>();

    void add(byte[] frame) {
        frames.add(ByteBuffer.wrap(frame));
    }

    long run(int rounds) {
        for (int i = 0; i < rounds; i++) {
            for (int f = 0; f < frames.size(); f++) {
                ByteBuffer frame = frames.get(f);
                frame.putShort(0, (short) (Segment.BOX_MAC >>> 32)).putInt(2, (int) Segment.BOX_MAC);
                rig.forwarder.frame(frame, 0, frame.limit(), frame.limit());
            }
            rig.now += 1000;
        }
        long total = 0;
        for (Drop d : Drop.values()) {
            total += rig.forwarder.drops(d);
        }
        return rig.port.stats().sent() * 31 + total;
    }

    @Test
    void aMillionFramesAllocateNothingPerFrame() {
        rig.segment.host("10.1.0.1", 0x02_00_00_00_0b_01L).host("10.1.0.2", 0x02_00_00_00_0b_02L)
                .host("fd00:1::1", 0x02_00_00_00_06_01L).host(Segment.ROUTER4, 0x02_00_00_00_0e_faL);
        String https = "{name: https, port: 443}";
        String target = "{name: https, port: 443}";
        rig.install(Plans.compile(service("web", VIP, "", https)
                + slice("web-1", "web", "IPv4", "", target, ready("10.1.0.1"), ready("10.1.0.2"))
                + service("far", "172.16.1.71", "", https)
                + slice("far-1", "far", "IPv4", "", target, ready("10.9.0.1"))
                + service("web6", VIP6, "", https)
                + slice("web6-1", "web6", "IPv6", "", target, ready("fd00:1::1"))));
        rig.resolve();
        rig.port.discardSends();
        int client = v4("192.0.2.10");
        for (int p = 40000; p < 40004; p++) {
            add(toBox(ethernet(0x0800, ipv4(client, v4(VIP), 6, tcp(p, 443, FrameView.TCP_ACK)))));
        }
        add(toBox(ethernet(0x0800, ipv4(client, v4("172.16.1.71"), 6, tcp(40000, 443, FrameView.TCP_ACK)))));
        add(toBox(ethernet(0x86dd, ipv6(v6("2001:db8:1::10"), v6(VIP6), 6, tcp(40000, 443, FrameView.TCP_ACK)))));
        byte[] reply = ipv4(v4(VIP), client, 6, tcp(443, 40000, FrameView.TCP_ACK, new byte[0], new byte[1400]));
        add(toBox(ethernet(0x0800, ipv4(v4("198.51.100.1"), v4(VIP), 1, icmp(3, 4, 1400, Arrays.copyOf(reply, 28))))));
        add(Segment.arpReply("10.1.0.1", 0x02_00_00_00_0b_01L, v4(Segment.BOX4)));
        add(toBox(ethernet(0x0800, ipv4(client, v4(VIP), 17, udp(40000, 53, new byte[8])))));
        add(new byte[12]);
        byte[] unknownFlow = ipv4(v4(VIP), client, 6, tcp(443, 49999, FrameView.TCP_ACK, new byte[0], new byte[1400]));
        add(toBox(ethernet(0x0800, ipv4(v4("198.51.100.1"), v4(VIP), 1,
                icmp(3, 4, 1400, Arrays.copyOf(unknownFlow, 28))))));
        add(toBox(ethernet(0x0800, ipv4(v4(DENIED), v4(VIP), 6, tcp(40000, 443, FrameView.TCP_SYN)))));
        add(toBox(ethernet(0x0800, ipv4(v4(L7), v4(VIP), 6, tcp(40000, 443, FrameView.TCP_SYN)))));
        add(toBox(ethernet(0x86dd, ipv6(v6(DENIED6), v6(VIP6), 6, tcp(40000, 443, FrameView.TCP_SYN)))));
        long denied = IpAddress.v4Low(v4(DENIED));
        long l7 = IpAddress.v4Low(v4(L7));
        long denied6 = IpAddress.low(Segment.address(DENIED6));
        PolicyDouble policy = new PolicyDouble((ch, cl, dh, dl, proto, port) -> cl == denied || cl == denied6
                ? Decision.DENY : cl == l7 ? Decision.REQUESTS : Decision.ALLOW);
        rig.policy = policy;

        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long threadId = Thread.currentThread().threadId();
        run(ROUNDS / 5);
        long sentBefore = rig.port.stats().sent();
        long before = threads.getThreadAllocatedBytes(threadId);
        run(ROUNDS);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertTrue(allocated < ALLOWANCE, allocated + " bytes allocated for " + ROUNDS * frames.size() + " frames");
        assertEquals(8L * ROUNDS, rig.port.stats().sent() - sentBefore, "every admitted VIP frame was forwarded");
        assertEquals(ROUNDS * 6L / 5, rig.forwarder.drops(Drop.NO_SERVICE));
        assertEquals(ROUNDS * 3 * 6L / 5, rig.forwarder.drops(Drop.POLICY_DENIED));
        assertTrue(policy.asks() >= ROUNDS * 4 * 6L / 5, policy.asks() + " asks");
    }
}
