package edgebox.lb.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import edgebox.api.packet.PacketPath;
import edgebox.api.packet.PacketPort;
import edgebox.api.packet.PortOptions;

/**
 * What every {@link PacketPath} must do, on a fresh veth pair per test: one port on end a receives what a second
 * port of the same path sends on end b. Test frames are addressed to a MAC no interface has, so the kernel's IP
 * stack drops them and they go nowhere else. Needs root.
 */
public abstract class PacketPortContract {

    static final long NOBODY = 0x02_00_00_00_eb_01L;
    static final long SENDER = 0x02_00_00_00_eb_02L;
    static final long WAIT_MILLIS = 5_000;
    static final long SETTLE_MILLIS = 300;

    protected VethPair veth;

    /** The path under test. */
    protected abstract PacketPath path();

    @BeforeEach
    void createVethPair() throws IOException {
        veth = VethPair.create();
    }

    @AfterEach
    void removeVethPair() throws IOException {
        veth.close();
    }

    @Test
    void framesArriveInOrderWithExactBytesAndLengths() throws IOException {
        List<Integer> sizes = List.of(60, 61, 128, 333, 1000, 1514, 64, 1513);
        try (PacketPort in = path().open(veth.a(), "", PortOptions.DEFAULT);
                PacketPort out = path().open(veth.b(), "", PortOptions.DEFAULT)) {
            byte[][] sent = new byte[sizes.size()][];
            for (int i = 0; i < sent.length; i++) {
                sent[i] = Frames.udp(NOBODY, SENDER, 9, i, sizes.get(i));
                send(out, sent[i]);
            }
            out.flush();
            Received got = new Received().until(in, sent.length, 64, WAIT_MILLIS);
            assertEquals(sent.length, got.frames.size(), "frames received");
            for (int i = 0; i < sent.length; i++) {
                assertArrayEquals(sent[i], got.frames.get(i), "frame " + i);
                assertEquals(sent[i].length, got.lengths.get(i), "length of frame " + i);
            }
            assertEquals(sent.length, in.stats().received(), "receiver's count");
            assertEquals(sent.length, out.stats().sent(), "sender's count");
            assertEquals(0, out.stats().sendErrors(), "sender's errors");
        }
    }

    @Test
    void aFrameLongerThanTheSnapLengthIsCutAndItsRealLengthReported() throws IOException {
        PortOptions snap128 = new PortOptions(64, 1 << 20, 128);
        try (PacketPort in = path().open(veth.a(), "", snap128);
                PacketPort out = path().open(veth.b(), "", PortOptions.DEFAULT)) {
            byte[] frame = Frames.udp(NOBODY, SENDER, 9, 7, 1000);
            send(out, frame);
            out.flush();
            Received got = new Received().until(in, 1, 64, WAIT_MILLIS);
            assertEquals(1, got.frames.size(), "frames received");
            assertArrayEquals(Arrays.copyOf(frame, 128), got.frames.get(0), "the first 128 bytes");
            assertEquals(1000, got.lengths.get(0), "the frame's length on the wire");
        }
    }

    @ParameterizedTest(name = "receive batch {0}")
    @ValueSource(ints = {16, 64})
    void sixtyFourFramesComeInBatchesNoneLost(int batch) throws IOException, InterruptedException {
        try (PacketPort in = path().open(veth.a(), "", new PortOptions(batch, 4 << 20, 2048));
                PacketPort out = path().open(veth.b(), "", new PortOptions(16, 4 << 20, 2048))) {
            for (int i = 0; i < 64; i++) {
                send(out, Frames.udp(NOBODY, SENDER, 9, i, 64 + i));
            }
            out.flush();
            assertEquals(64, out.stats().sent(), "frames sent (16 at a time, the send batch)");
            Thread.sleep(100);
            Received got = new Received().until(in, 64, batch, WAIT_MILLIS);
            assertEquals(64, got.frames.size(), "frames received");
            for (int i = 0; i < 64; i++) {
                assertEquals(i, got.sequence(i), "frame " + i + " in order");
            }
            assertTrue(got.batches.stream().anyMatch(n -> n > 1), "one call handed several frames: " + got.batches);
        }
    }

    @Test
    void theFilterKeepsOnlyMatchingFramesAndIsReplacedLive() throws IOException {
        try (PacketPort in = path().open(veth.a(), "dst host 10.0.0.9", PortOptions.DEFAULT);
                PacketPort out = path().open(veth.b(), "", PortOptions.DEFAULT)) {
            sendAlternating(out, 0);
            Received first = new Received().until(in, 5, 64, WAIT_MILLIS).settle(in, 64, SETTLE_MILLIS);
            assertEquals(List.of(9, 9, 9, 9, 9), destinations(first), "frames to 10.0.0.9 only");

            in.filter("dst host 10.0.0.8");
            sendAlternating(out, 10);
            Received second = new Received().until(in, 5, 64, WAIT_MILLIS).settle(in, 64, SETTLE_MILLIS);
            assertEquals(List.of(8, 8, 8, 8, 8), destinations(second), "frames to 10.0.0.8 only");
            assertEquals(List.of(10, 12, 14, 16, 18), second.frames.stream().map(Frames::sequence).toList());
        }
    }

    @Test
    void aBadFilterIsRefusedNamingItAndTheOldOneStays() throws IOException {
        IOException atOpen = assertThrows(IOException.class,
                () -> path().open(veth.a(), "dst hots 10.0.0.9", PortOptions.DEFAULT).close());
        assertTrue(atOpen.getMessage().contains(veth.a()) && atOpen.getMessage().contains("dst hots 10.0.0.9"),
                atOpen.getMessage());
        try (PacketPort in = path().open(veth.a(), "dst host 10.0.0.9", PortOptions.DEFAULT);
                PacketPort out = path().open(veth.b(), "", PortOptions.DEFAULT)) {
            IOException live = assertThrows(IOException.class, () -> in.filter("dst host 10.0.0.x"));
            assertTrue(live.getMessage().contains("dst host 10.0.0.x"), live.getMessage());
            sendAlternating(out, 0);
            Received got = new Received().until(in, 5, 64, WAIT_MILLIS).settle(in, 64, SETTLE_MILLIS);
            assertEquals(List.of(9, 9, 9, 9, 9), destinations(got), "the old filter still in force");
        }
    }

    @Test
    void aPortNeverHandsBackFramesItSentItself() throws IOException {
        try (PacketPort portA = path().open(veth.a(), "", PortOptions.DEFAULT);
                PacketPort portB = path().open(veth.b(), "", PortOptions.DEFAULT)) {
            for (int i = 0; i < 5; i++) {
                send(portA, Frames.udp(NOBODY, SENDER, 9, i, 100));
            }
            portA.flush();
            Received atB = new Received().until(portB, 5, 64, WAIT_MILLIS);
            assertEquals(5, atB.frames.size(), "a's frames reached b");
            send(portB, Frames.udp(NOBODY, SENDER, 9, 100, 100));
            portB.flush();
            Received atA = new Received().until(portA, 1, 64, WAIT_MILLIS).settle(portA, 64, SETTLE_MILLIS);
            assertEquals(List.of(100), atA.frames.stream().map(Frames::sequence).toList(), "only b's frame at a");
            assertEquals(1, portA.stats().received(), "a's receive count");
            assertEquals(5, portA.stats().sent(), "a's send count");
        }
    }

    @Test
    void macAndMtuAreTheInterfaces() throws IOException {
        try (PacketPort port = path().open(veth.a(), "", PortOptions.DEFAULT)) {
            assertEquals(veth.a(), port.interfaceName());
            assertEquals(VethPair.mac(veth.a()), port.mac(), "mac");
            assertEquals(VethPair.mtu(veth.a()), port.mtu(), "mtu");
        }
    }

    @Test
    void openingAMissingInterfaceFailsNamingIt() {
        String missing = veth.a() + "x";
        IOException e = assertThrows(IOException.class, () -> path().open(missing, "", PortOptions.DEFAULT).close());
        assertTrue(e.getMessage().contains(missing), e.getMessage());
    }

    @Test
    void closingTwiceIsHarmless() throws IOException {
        PacketPort port = path().open(veth.a(), "", PortOptions.DEFAULT);
        port.close();
        port.close();
    }

    @Test
    void closingFromAnotherThreadEndsAWaitingReceive() throws Exception {
        PacketPort port = path().open(veth.a(), "", PortOptions.DEFAULT);
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            port.close();
        });
        closer.start();
        long start = System.nanoTime();
        try {
            assertEquals(0, port.receive(new Received(), 10_000), "frames on an idle interface");
        } catch (IOException closed) {
            // as good: the port said it was closed
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        closer.join(5_000);
        assertTrue(millis < 2_000, "receive returned " + millis + " ms after it began, the close came at 200 ms");
        assertThrows(IOException.class, () -> port.receive(new Received(), 10), "receive on a closed port");
    }

    static void send(PacketPort port, byte[] frame) throws IOException {
        port.send(ByteBuffer.wrap(frame), 0, frame.length);
    }

    /** Ten frames, to 10.0.0.8 and 10.0.0.9 in turn, numbered from {@code first}. */
    static void sendAlternating(PacketPort out, int first) throws IOException {
        for (int i = 0; i < 10; i++) {
            send(out, Frames.udp(NOBODY, SENDER, i % 2 == 0 ? 8 : 9, first + i, 100));
        }
        out.flush();
    }

    static List<Integer> destinations(Received received) {
        return received.frames.stream().map(frame -> frame[33] & 0xff).toList();
    }
}
