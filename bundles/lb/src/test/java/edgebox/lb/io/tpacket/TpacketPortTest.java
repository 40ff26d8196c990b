package edgebox.lb.io.tpacket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import edgebox.api.packet.FrameHandler;
import edgebox.api.packet.PacketPath;
import edgebox.api.packet.PacketPort;
import edgebox.api.packet.PortOptions;
import edgebox.api.packet.PortStats;
import edgebox.lb.io.PacketPortContract;

/** The tpacket path keeps the packet port contract, and what is particular to its rings. Needs root. */
class TpacketPortTest extends PacketPortContract {

    static final int EXPERIMENTAL = 0x88b5;
    static final long WAIT_NANOS = 2_000_000_000L;
    static final long STEADY_ALLOWANCE = 2 * 10_000;

    @Override
    protected PacketPath path() {
        return new TpacketPath();
    }

    @Test
    void framesCrossBothWaysByteForByte() throws IOException {
        try (PacketPort a = path().open(veth.a(), "", PortOptions.DEFAULT);
                PacketPort b = path().open(veth.b(), "", PortOptions.DEFAULT)) {
            byte[] small = frame(b.mac(), a.mac(), 60, 1);
            byte[] full = frame(b.mac(), a.mac(), 1514, 2);
            send(a, small, full);
            List<Captured> atB = receive(b, 2);
            assertFrame(small, atB.get(0));
            assertFrame(full, atB.get(1));

            byte[] back = frame(a.mac(), b.mac(), 100, 3);
            send(b, back);
            assertFrame(back, receive(a, 1).get(0));
        }
    }

    @Test
    void statsCountWhatWentAndCame() throws IOException {
        try (PacketPort a = path().open(veth.a(), "", PortOptions.DEFAULT);
                PacketPort b = path().open(veth.b(), "", PortOptions.DEFAULT)) {
            for (int i = 0; i < 10; i++) {
                send(a, frame(b.mac(), a.mac(), 60, i));
            }
            receive(b, 10);
            assertEquals(new PortStats(0, 0, 10, 0), a.stats());
            assertEquals(new PortStats(10, 0, 0, 0), b.stats());
        }
    }

    @Test
    void aFrameTheInterfaceCannotCarryCountsAsASendError() throws IOException {
        try (PacketPort a = path().open(veth.a(), "", PortOptions.DEFAULT)) {
            a.send(ByteBuffer.allocate(1600), 0, 1600);
            a.send(ByteBuffer.allocate(13), 0, 13);
            assertEquals(0, a.flush(), "frames that went");
            assertEquals(new PortStats(0, 0, 0, 2), a.stats());
        }
    }

    @Test
    void aHandlersExceptionComesOutOfReceiveAndTheNextFrameFollows() throws IOException {
        try (PacketPort a = path().open(veth.a(), "", PortOptions.DEFAULT);
                PacketPort b = path().open(veth.b(), "", PortOptions.DEFAULT)) {
            byte[] first = frame(b.mac(), a.mac(), 60, 1);
            byte[] second = frame(b.mac(), a.mac(), 61, 2);
            send(a, first, second);
            IllegalStateException thrown = new IllegalStateException("the handler failed");
            IllegalStateException caught = null;
            long deadline = System.nanoTime() + WAIT_NANOS;
            while (caught == null && System.nanoTime() < deadline) {
                try {
                    b.receive((buffer, offset, captured, length) -> {
                        throw thrown;
                    }, 10);
                } catch (IllegalStateException e) {
                    caught = e;
                }
            }
            assertSame(thrown, caught);
            assertFrame(second, receive(b, 1).get(0));
            assertEquals(2, b.stats().received(), "frames handed, the failed one too");
        }
    }

    @Test
    void aClosedPortRefusesWorkAndKeepsItsCounts() throws IOException {
        PacketPort a = path().open(veth.a(), "", PortOptions.DEFAULT);
        a.close();
        assertThrows(IOException.class, () -> a.receive((buffer, offset, captured, length) -> { }, 1));
        assertThrows(IOException.class, () -> a.send(ByteBuffer.allocate(60), 0, 60));
        assertThrows(IOException.class, () -> a.filter(""));
        assertEquals(new PortStats(0, 0, 0, 0), a.stats());
    }

    @Test
    void anInterfaceGoingDownIsReportedOnceNamingIt() throws IOException, InterruptedException {
        try (PacketPort a = path().open(veth.a(), "", PortOptions.DEFAULT)) {
            Process down = new ProcessBuilder("ip", "link", "set", veth.a(), "down").inheritIO().start();
            assertTrue(down.waitFor(10, TimeUnit.SECONDS) && down.exitValue() == 0, "ip link set down");
            IOException reported = null;
            long deadline = System.nanoTime() + WAIT_NANOS;
            while (reported == null && System.nanoTime() < deadline) {
                try {
                    a.receive((buffer, offset, captured, length) -> { }, 10);
                } catch (IOException e) {
                    reported = e;
                }
            }
            assertTrue(reported != null && reported.getMessage().contains(veth.a())
                    && reported.getMessage().contains("errno 100"), String.valueOf(reported));
            assertEquals(0, a.receive((buffer, offset, captured, length) -> { }, 10), "reported once");
        }
    }

    /**
     * The ports are driven in rounds of 10 000 frames until one round costs under two bytes a frame: any object made
     * per frame costs at least 16. The floor is not zero because a foreign call with captured errno makes a 40-byte
     * slice of the capture segment (jdk.internal.foreign.abi.SharedUtils.checkCaptureSegment) unless C2 has inlined
     * the whole call into its caller, which depends on how deep the JIT's compilation root sits: measured 0 bytes a
     * frame when it has, 0.5 to 1 when it has not.
     */
    @Test
    void receivingRewritingAndResendingAllocatesNoObjectPerFrame() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().threadId();
        try (PacketPort a = path().open(veth.a(), "", PortOptions.DEFAULT);
                PacketPort b = path().open(veth.b(), "", PortOptions.DEFAULT)) {
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
            this.frame = ByteBuffer.wrap(frame(mirror.mac(), origin.mac(), 64, 0));
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

    record Captured(byte[] bytes, int length) {
    }

    /** A frame of a local experimental EtherType, so the kernel's stacks leave it alone. */
    static byte[] frame(long destination, long source, int length, int mark) {
        ByteBuffer frame = ByteBuffer.allocate(length);
        frame.putShort((short) (destination >>> 32)).putInt((int) destination);
        frame.putShort((short) (source >>> 32)).putInt((int) source);
        frame.putShort((short) EXPERIMENTAL).putInt(mark);
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

    static void assertFrame(byte[] expected, Captured received) {
        assertEquals(expected.length, received.length);
        assertArrayEquals(expected, received.bytes);
    }

    /** Waits for {@code count} frames, two seconds at most, and fails unless exactly that many came. */
    static List<Captured> receive(PacketPort port, int count) throws IOException {
        List<Captured> frames = new ArrayList<>();
        FrameHandler collector = (buffer, offset, captured, length) -> {
            byte[] bytes = new byte[captured];
            buffer.get(offset, bytes);
            frames.add(new Captured(bytes, length));
        };
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (frames.size() < count && System.nanoTime() < deadline) {
            port.receive(collector, 10);
        }
        assertEquals(count, frames.size(), "frames received on " + port.interfaceName());
        return frames;
    }
}
