package edgebox.lb.neigh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import edgebox.lb.frame.FrameView;
import edgebox.lb.frame.TestFrames;
import edgebox.lb.path.MemoryPort;
import edgebox.lb.path.Segment;

class NeighbourResolverTest {

    static final long SECOND = 1_000_000_000L;
    static final long MAC = 0x02_00_00_00_0b_01L;
    static final NeighbourTiming TIMING =
            new NeighbourTiming(Duration.ofSeconds(30), Duration.ofSeconds(1), 3, Duration.ofSeconds(5));

    final MemoryPort port = new MemoryPort("eblb0", Segment.BOX_MAC, 1500, 64);
    final NeighbourResolver resolver = new NeighbourResolver(port, Segment.ADDRESSES, TIMING);
    final FrameView view = new FrameView();

    int slot(String ip) {
        InetAddress a = Segment.address(ip);
        return resolver.cache().slot(IpAddress.high(a), IpAddress.low(a));
    }

    boolean receive(byte[] frame, long now) {
        view.parse(ByteBuffer.wrap(frame), 0, frame.length);
        return resolver.receive(view, now);
    }

    int asked(long now) {
        resolver.probe(now, 100);
        return port.drain().size();
    }

    @Test
    void anUnknownNeighbourIsAskedAtOnceRetriedThenGivenUpForAPause() {
        resolver.track(List.of(Segment.address("10.1.0.1")), 0);
        assertEquals(1, asked(0));
        assertEquals(0, asked(SECOND / 2), "not before the retry interval");
        assertEquals(1, asked(SECOND));
        assertEquals(1, asked(2 * SECOND));
        assertEquals(0, asked(3 * SECOND), "three tries, then the round is given up");
        assertEquals(1, resolver.giveUps());
        assertEquals(0, asked(7 * SECOND), "paused");
        assertEquals(1, asked(8 * SECOND), "the next round");
        assertEquals(4, resolver.questions());
    }

    @Test
    void aReplyIsRefreshedFromHalfTheReachableTimeAndStaysInUseWhileTheRefreshGoesUnanswered() {
        resolver.track(List.of(Segment.address("10.1.0.1")), 0);
        asked(0);
        assertTrue(receive(Segment.arpReply("10.1.0.1", MAC, TestFrames.v4(Segment.BOX4)), SECOND));
        int s = slot("10.1.0.1");
        assertEquals(MAC, resolver.cache().mac(s, 30 * SECOND));
        assertEquals(0, asked(15 * SECOND));
        assertEquals(1, asked(16 * SECOND), "refreshed from half the reachable time");
        assertTrue(resolver.cache().stale(s, 31 * SECOND), "unconfirmed for 30 s");
        assertEquals(MAC, resolver.cache().mac(s, 31 * SECOND), "a stale MAC is still used while it is asked again");
        receive(Segment.arpReply("10.1.0.1", MAC, TestFrames.v4(Segment.BOX4)), 17 * SECOND);
        assertEquals(MAC, resolver.cache().mac(s, 46 * SECOND));
        assertFalse(resolver.cache().stale(s, 46 * SECOND), "confirmed again at 17 s");
    }

    @Test
    void gratuitousArpIsLearntAndStrangersAreNot() {
        resolver.track(List.of(Segment.address("10.1.0.1")), 0);
        ByteBuffer arp = ByteBuffer.allocate(28).putShort((short) 1).putShort((short) 0x0800).put((byte) 6)
                .put((byte) 4).putShort((short) 1).putShort((short) 0x0200).putInt(0x0000_0b99)
                .putInt(TestFrames.v4("10.1.0.1")).putShort((short) 0).putInt(0).putInt(TestFrames.v4("10.1.0.1"));
        assertTrue(receive(TestFrames.ethernet(TestFrames.ARP, arp.array()), SECOND));
        assertEquals(0x0200_0000_0b99L, resolver.cache().mac(slot("10.1.0.1"), SECOND));
        receive(Segment.arpReply("10.1.0.77", MAC, TestFrames.v4(Segment.BOX4)), SECOND);
        assertEquals(NeighbourCache.NONE, slot("10.1.0.77"));
        assertEquals(1, resolver.learnt());
    }

    @Test
    void ipv6NeighboursAreAskedFromTheAddressOnTheirPrefixOrTheLinkLocalOne() {
        resolver.track(List.of(Segment.address("fd00:1::1"), Segment.address("fe80::9")), 0);
        resolver.probe(0, 100);
        List<byte[]> asked = port.drain();
        assertEquals(2, asked.size());
        byte[] source = new byte[16];
        ByteBuffer.wrap(asked.get(0)).get(22, source);
        assertArrayEquals(TestFrames.v6(Segment.BOX6), source);
        ByteBuffer.wrap(asked.get(1)).get(22, source);
        assertArrayEquals(TestFrames.v6("fe80::1"), source);
        assertEquals(NeighbourCache.NONE, resolver.source(Segment.address("fd09::1")), "off the port's prefixes");
    }

    @Test
    void anAdvertisementIsLearntOnlyWithHopLimit255() {
        resolver.track(List.of(Segment.address("fd00:1::1")), 0);
        byte[] forged = Segment.advertisement("fd00:1::1", MAC);
        forged[14 + 7] = 64;
        assertTrue(receive(forged, SECOND));
        assertEquals(NeighbourCache.UNRESOLVED, resolver.cache().mac(slot("fd00:1::1"), SECOND));
        assertTrue(receive(Segment.advertisement("fd00:1::1", MAC), SECOND));
        assertEquals(MAC, resolver.cache().mac(slot("fd00:1::1"), SECOND));
    }

    @Test
    void aNewTableKeepsWhatIsKnownAboutTheNeighboursItStillHas() {
        resolver.track(List.of(Segment.address("10.1.0.1")), 0);
        receive(Segment.arpReply("10.1.0.1", MAC, TestFrames.v4(Segment.BOX4)), SECOND);
        resolver.track(List.of(Segment.address("10.1.0.2"), Segment.address("10.1.0.1")), 2 * SECOND);
        assertEquals(MAC, resolver.cache().mac(slot("10.1.0.1"), 2 * SECOND));
        assertEquals(NeighbourCache.UNRESOLVED, resolver.cache().mac(slot("10.1.0.2"), 2 * SECOND));
        assertEquals(1, asked(2 * SECOND), "only the new one is asked");
    }
}
