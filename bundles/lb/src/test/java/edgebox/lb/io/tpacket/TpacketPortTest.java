package edgebox.lb.io.tpacket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import edgebox.api.packet.FrameHandler;
import edgebox.api.packet.PacketPort;
import edgebox.api.packet.PortOptions;
import edgebox.api.packet.PortStats;

/** Two tpacket ports on the two ends of a veth pair exchange frames. Needs root. */
class TpacketPortTest {

    static final int EXPERIMENTAL = 0x88b5;
    static final int OTHER_EXPERIMENTAL = 0x88b6;
    static final long WAIT_NANOS = 2_000_000_000L;
    static final long STEADY_ALLOWANCE = 1024;

    final TpacketPath path = new TpacketPath();
    TestVethPair veth;
    PacketPort a;
    PacketPort b;

    @BeforeEach
    void openBothEnds() throws Exception {
        veth = TestVethPair.create();
        a = path.open(veth.a, "", PortOptions.DEFAULT);
        b = path.open(veth.b, "", PortOptions.DEFAULT);
    }

    @AfterEach
    void closeBothEnds() throws Exception {
        try {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
        } finally {
            veth.close();
        }
    }

    @Test
    void framesCrossBothWaysByteForByte() throws IOException {
        byte[] small = frame(b.mac(), a.mac(), EXPERIMENTAL, 60, 1);
        byte[] full = frame(b.mac(), a.mac(), EXPERIMENTAL, 1514, 2);
        send(a, small, full);
        List<Received> atB = receive(b, 2);
        assertFrame(small, atB.get(0));
        assertFrame(full, atB.get(1));

        byte[] back = frame(a.mac(), b.mac(), EXPERIMENTAL, 100, 3);
        send(b, back);
        assertFrame(back, receive(a, 1).get(0));
    }

    @Test
    void snapLengthCutsTheFrameAndReportsItsRealLength() throws IOException {
        b.close();
        b = path.open(veth.b, "", new PortOptions(64, 1 << 20, 64));
        byte[] long1000 = frame(b.mac(), a.mac(), EXPERIMENTAL, 1000, 4);
        send(a, long1000);
        Received cut = receive(b, 1).get(0);
        assertEquals(64, cut.bytes.length);
        assertEquals(1000, cut.length);
        assertArrayEquals(java.util.Arrays.copyOf(long1000, 64), cut.bytes);
    }

    @Test
    void aBatchOf64ArrivesWholeAndInOrder() throws IOException {
        for (int i = 0; i < 64; i++) {
            a.send(ByteBuffer.wrap(frame(b.mac(), a.mac(), EXPERIMENTAL, 64 + i, i)), 0, 64 + i);
        }
        assertEquals(64, a.flush());
        List<Received> frames = receive(b, 64);
        for (int i = 0; i < 64; i++) {
            assertFrame(frame(b.mac(), a.mac(), EXPERIMENTAL, 64 + i, i), frames.get(i));
        }
    }

    @Test
    void theFilterKeepsOnlyMatchingFramesAndIsReplacedLive() throws IOException {
        b.filter("ether proto " + EXPERIMENTAL);
        byte[] kept = frame(b.mac(), a.mac(), EXPERIMENTAL, 80, 5);
        byte[] other = frame(b.mac(), a.mac(), OTHER_EXPERIMENTAL, 80, 6);
        send(a, other, kept, other);
        assertFrame(kept, receive(b, 1).get(0));
        assertEquals(0, receiveFor(b, 200_000_000L).size(), "the other protocol passed the filter");

        b.filter("ether proto " + OTHER_EXPERIMENTAL);
        send(a, kept, other, kept);
        assertFrame(other, receive(b, 1).get(0));
        assertEquals(0, receiveFor(b, 200_000_000L).size(), "the old filter still holds");
    }

    @Test
    void aPortNeverHandsBackWhatItSent() throws IOException {
        for (int i = 0; i < 10; i++) {
            send(a, frame(b.mac(), a.mac(), EXPERIMENTAL, 60, i));
        }
        assertEquals(10, receive(b, 10).size());
        assertEquals(0, receiveFor(a, 200_000_000L).size());
    }

    @Test
    void statsCountWhatWentAndCame() throws IOException {
        for (int i = 0; i < 10; i++) {
            send(a, frame(b.mac(), a.mac(), EXPERIMENTAL, 60, i));
        }
        receive(b, 10);
        assertEquals(new PortStats(0, 0, 10, 0), a.stats());
        assertEquals(new PortStats(10, 0, 0, 0), b.stats());
    }

    @Test
    void aMissingInterfaceFailsNamingIt() {
        IOException failure = assertThrows(IOException.class, () -> path.open("eblbtnone0", "", PortOptions.DEFAULT));
        assertTrue(failure.getMessage().contains("eblbtnone0"), failure.getMessage());
    }

    @Test
    void aBadFilterFailsNamingTheExpressionAndTheInterface() {
        IOException failure = assertThrows(IOException.class, () -> b.filter("ether proto nonsense"));
        assertTrue(failure.getMessage().contains("'ether proto nonsense'") && failure.getMessage().contains(veth.b),
                failure.getMessage());
        IOException atOpen = assertThrows(IOException.class, () -> path.open(veth.a, "tcp port", PortOptions.DEFAULT));
        assertTrue(atOpen.getMessage().contains("'tcp port'") && atOpen.getMessage().contains(veth.a),
                atOpen.getMessage());
    }

    @Test
    void aFrameLongerThanTheMtuAllowsIsRefusedNamingTheInterface() {
        IOException failure = assertThrows(IOException.class, () -> a.send(ByteBuffer.allocate(1600), 0, 1600));
        assertTrue(failure.getMessage().contains(veth.a) && failure.getMessage().contains("1600"),
                failure.getMessage());
    }

    @Test
    void closingTwiceIsHarmlessAndAClosedPortRefusesWork() {
        a.close();
        a.close();
        assertThrows(IOException.class, () -> a.receive((buffer, offset, captured, length) -> { }, 1));
        assertThrows(IOException.class, () -> a.send(ByteBuffer.allocate(60), 0, 60));
        assertEquals(new PortStats(0, 0, 0, 0), a.stats());
    }

    /**
     * Until the JIT has compiled them, foreign calls allocate a little per call, so the port is driven in rounds of
     * 10 000 frames until one round allocates (almost) nothing; a port that allocates per frame or per call never
     * gets there.
     */
    @Test
    void receivingRewritingAndResendingAllocatesNothingPerFrameInSteadyState() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().threadId();
        Bouncer bouncer = new Bouncer(a, b);
        List<Long> rounds = new ArrayList<>();
        long deadline = System.nanoTime() + 60 * WAIT_NANOS;
        while (rounds.size() < 80 && System.nanoTime() < deadline
                && (rounds.isEmpty() || rounds.getLast() >= STEADY_ALLOWANCE)) {
            long before = threads.getThreadAllocatedBytes(threadId);
            long bounced = bouncer.run(10_000);
            rounds.add(threads.getThreadAllocatedBytes(threadId) - before);
            assertEquals(10_000, bounced, "frames bounced in round " + rounds.size());
        }
        assertTrue(rounds.getLast() < STEADY_ALLOWANCE, "bytes allocated per round of 10000 frames: " + rounds);
    }

    /** Floods frames from one port; the other swaps their MACs and sends them back; counts what comes back. */
    static final class Bouncer {

        final PacketPort origin;
        final PacketPort mirror;
        final ByteBuffer frame;
        long returned;
        final FrameHandler swap;
        final FrameHandler count = (buffer, offset, captured, length) -> returned++;

        Bouncer(PacketPort origin, PacketPort mirror) {
            this.origin = origin;
            this.mirror = mirror;
            this.frame = ByteBuffer.wrap(frame(mirror.mac(), origin.mac(), EXPERIMENTAL, 64, 0));
            this.swap = (buffer, offset, captured, length) -> {
                for (int i = 0; i < 6; i++) {
                    byte destination = buffer.get(offset + i);
                    buffer.put(offset + i, buffer.get(offset + 6 + i));
                    buffer.put(offset + 6 + i, destination);
                }
                try {
                    mirror.send(buffer, offset, captured);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            };
        }

        long run(int frames) throws IOException {
            returned = 0;
            long deadline = System.nanoTime() + 20 * WAIT_NANOS;
            int flooded = 0;
            while (returned < frames && System.nanoTime() < deadline) {
                for (int i = 0; i < 64 && flooded < frames; i++, flooded++) {
                    origin.send(frame, 0, 64);
                }
                origin.flush();
                mirror.receive(swap, 1);
                origin.receive(count, 1);
            }
            return returned;
        }
    }

    record Received(byte[] bytes, int length) {
    }

    static byte[] frame(long destination, long source, int etherType, int length, int mark) {
        ByteBuffer frame = ByteBuffer.allocate(length);
        frame.putShort((short) (destination >>> 32)).putInt((int) destination);
        frame.putShort((short) (source >>> 32)).putInt((int) source);
        frame.putShort((short) etherType).putInt(mark);
        for (int i = frame.position(); i < length; i++) {
            frame.put((byte) (i * 7 + mark));
        }
        return frame.array();
    }

    static void send(PacketPort port, byte[]... frames) throws IOException {
        for (byte[] frame : frames) {
            port.send(ByteBuffer.wrap(frame), 0, frame.length);
        }
        assertEquals(frames.length, port.flush());
    }

    static void assertFrame(byte[] expected, Received received) {
        assertEquals(expected.length, received.length);
        assertArrayEquals(expected, received.bytes);
    }

    /** Waits for {@code count} frames, two seconds at most, and fails unless exactly that many came. */
    static List<Received> receive(PacketPort port, int count) throws IOException {
        List<Received> frames = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (frames.size() < count && System.nanoTime() < deadline) {
            port.receive(collector(frames), 10);
        }
        assertEquals(count, frames.size(), "frames received on " + port.interfaceName());
        return frames;
    }

    static List<Received> receiveFor(PacketPort port, long nanos) throws IOException {
        List<Received> frames = new ArrayList<>();
        long deadline = System.nanoTime() + nanos;
        while (System.nanoTime() < deadline) {
            port.receive(collector(frames), 10);
        }
        return frames;
    }

    static FrameHandler collector(List<Received> frames) {
        return (buffer, offset, captured, length) -> {
            byte[] bytes = new byte[captured];
            buffer.get(offset, bytes);
            frames.add(new Received(bytes, length));
        };
    }
}
