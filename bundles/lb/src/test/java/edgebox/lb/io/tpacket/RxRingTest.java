package edgebox.lb.io.tpacket;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import edgebox.lb.frame.FrameView;
import edgebox.lb.frame.TestFrames;

/**
 * The receive ring walked over a block laid out as the kernel hands it: frames whose sender left the TCP or UDP
 * checksum to the hardware (a veth peer with offload) reach the handler with it completed; others untouched.
 */
class RxRingTest {

    private static final int BLOCK = 4096;
    private static final int FIRST = Tpacket3.BLOCK_HEADER_BYTES;
    private static final int MAC_OFFSET = Tpacket3.HDRLEN + 2;

    @Test
    void aFrameWithItsChecksumLeftToTheHardwareIsHandedWithItCompleted() {
        byte[] tcp = TestFrames.ethernet(0x0800, TestFrames.ipv4(TestFrames.v4("10.99.0.10"),
                TestFrames.v4("10.99.0.100"), 6, TestFrames.tcp(40000, 80, FrameView.TCP_SYN)));
        byte[] udp = TestFrames.ethernet(0x86dd, TestFrames.ipv6(TestFrames.v6("fd99::a"), TestFrames.v6("fd99::100"),
                17, TestFrames.udp(40000, 9, "hello, odd".getBytes())));
        int tcpField = 14 + 20 + 16;
        int udpField = 14 + 40 + 6;

        assertArrayEquals(List.of(tcp, udp).toArray(), walk(List.of(partial(tcp, tcpField), partial(udp, udpField)),
                Tpacket3.TP_STATUS_CSUMNOTREADY).toArray());
    }

    @Test
    void aFrameWithItsChecksumDoneIsHandedAsItCame() {
        byte[] tcp = TestFrames.ethernet(0x0800, TestFrames.ipv4(TestFrames.v4("10.99.0.10"),
                TestFrames.v4("10.99.0.100"), 6, TestFrames.tcp(40000, 80, FrameView.TCP_SYN)));
        byte[] odd = partial(tcp, 14 + 20 + 16);

        List<byte[]> handed = walk(List.of(odd), 0);
        assertEquals(1, handed.size());
        assertArrayEquals(odd, handed.getFirst(), "without TP_STATUS_CSUMNOTREADY the frame is not touched");
    }

    /** The frame as its sender's kernel leaves it for the hardware: the checksum field holds a partial sum. */
    private static byte[] partial(byte[] frame, int field) {
        byte[] copy = frame.clone();
        copy[field] = 0x12;
        copy[field + 1] = 0x34;
        return copy;
    }

    /** Puts {@code frames} in one block with {@code status} each, walks it and returns copies of what was handed. */
    private static List<byte[]> walk(List<byte[]> frames, int status) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ring = arena.allocate(2 * BLOCK, 16);
            int at = FIRST;
            for (int i = 0; i < frames.size(); i++) {
                byte[] frame = frames.get(i);
                int next = i + 1 < frames.size() ? (MAC_OFFSET + frame.length + 15) & ~15 : 0;
                ring.set(JAVA_INT, at + Tpacket3.NEXT_OFFSET, next);
                ring.set(JAVA_INT, at + Tpacket3.SNAPLEN, frame.length);
                ring.set(JAVA_INT, at + Tpacket3.LEN, frame.length);
                ring.set(JAVA_INT, at + Tpacket3.STATUS, Tpacket3.TP_STATUS_USER | status);
                ring.set(JAVA_SHORT, at + Tpacket3.MAC, (short) MAC_OFFSET);
                ring.set(JAVA_BYTE, at + Tpacket3.PKTTYPE, (byte) 0);
                MemorySegment.copy(frame, 0, ring, JAVA_BYTE, at + MAC_OFFSET, frame.length);
                at += next;
            }
            ring.set(JAVA_INT, Tpacket3.BLOCK_STATUS, Tpacket3.TP_STATUS_USER);
            ring.set(JAVA_INT, Tpacket3.BLOCK_NUM_PKTS, frames.size());
            ring.set(JAVA_INT, Tpacket3.BLOCK_OFFSET_TO_FIRST_PKT, FIRST);
            List<byte[]> handed = new ArrayList<>();
            RxRing rx = new RxRing(ring, ring.asByteBuffer(), BLOCK, 2);
            int count = rx.hand((ByteBuffer buffer, int offset, int captured, int length) -> {
                byte[] copy = new byte[captured];
                buffer.get(offset, copy);
                handed.add(copy);
            }, 10);
            assertEquals(frames.size(), count);
            assertEquals(Tpacket3.TP_STATUS_KERNEL, ring.get(JAVA_INT, Tpacket3.BLOCK_STATUS), "block given back");
            return handed;
        }
    }
}
