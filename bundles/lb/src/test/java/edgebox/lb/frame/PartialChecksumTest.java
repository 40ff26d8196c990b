package edgebox.lb.frame;

import static edgebox.lb.frame.TestFrames.ethernet;
import static edgebox.lb.frame.TestFrames.ipv4;
import static edgebox.lb.frame.TestFrames.ipv6;
import static edgebox.lb.frame.TestFrames.tcp;
import static edgebox.lb.frame.TestFrames.udp;
import static edgebox.lb.frame.TestFrames.v4;
import static edgebox.lb.frame.TestFrames.v6;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * A frame whose checksum the kernel left to offload carries the pseudo-header's sum in its checksum field; finishing
 * it must give the checksum a sender computing it whole would have written.
 */
class PartialChecksumTest {

    static final byte[] DATA = "GET / HTTP/1.1\r\nHost: a\r\n\r\n!".getBytes(StandardCharsets.US_ASCII);

    @Test
    void tcpOverIpv4WithAnOddLengthGetsItsWholeChecksum() {
        byte[] whole = ethernet(FrameView.ETHER_IPV4, ipv4(v4("10.0.0.10"), v4("10.0.0.100"), FrameView.TCP,
                tcp(40000, 80, FrameView.TCP_ACK, new byte[0], DATA)));
        assertFinished(whole, 14 + 20, 16, pseudo4(whole, 14));
    }

    @Test
    void udpOverIpv6InAVlanGetsItsWholeChecksum() {
        byte[] whole = ethernet(7, FrameView.ETHER_IPV6, ipv6(v6("fd00::10"), v6("fd00::100"), FrameView.UDP,
                udp(40000, 9, DATA)));
        assertFinished(whole, 18 + 40, 6, pseudo6(whole, 18));
    }

    @Test
    void framesItCannotReadAreLeftAlone() {
        byte[] icmp = ethernet(FrameView.ETHER_IPV4, ipv4(v4("10.0.0.10"), v4("10.0.0.100"), 1,
                TestFrames.icmp(8, 0, 0, DATA)));
        byte[] copy = icmp.clone();
        assertFalse(PartialChecksum.complete(ByteBuffer.wrap(copy), 0, copy.length));
        assertArrayEquals(icmp, copy);
        byte[] cut = ethernet(FrameView.ETHER_IPV4, ipv4(v4("10.0.0.10"), v4("10.0.0.100"), FrameView.TCP,
                tcp(40000, 80, FrameView.TCP_ACK, new byte[0], DATA)));
        assertFalse(PartialChecksum.complete(ByteBuffer.wrap(cut), 0, cut.length - 10), "the IP length runs past");
    }

    private static void assertFinished(byte[] whole, int l4, int field, int pseudo) {
        byte[] partial = whole.clone();
        partial[l4 + field] = (byte) (pseudo >>> 8);
        partial[l4 + field + 1] = (byte) pseudo;
        byte[] framed = new byte[partial.length + 9];
        System.arraycopy(partial, 0, framed, 5, partial.length);
        assertTrue(PartialChecksum.complete(ByteBuffer.wrap(framed), 5, partial.length));
        byte[] finished = new byte[whole.length];
        System.arraycopy(framed, 5, finished, 0, whole.length);
        assertArrayEquals(whole, finished);
    }

    /** The pseudo-header's folded sum, what Linux leaves in the field for offload. */
    private static int pseudo4(byte[] f, int l3) {
        ByteBuffer b = ByteBuffer.wrap(f);
        int length = Short.toUnsignedInt(b.getShort(l3 + 2)) - (f[l3] & 0x0f) * 4;
        return fold(words(b, l3 + 12, 8) + (f[l3 + 9] & 0xff) + length);
    }

    private static int pseudo6(byte[] f, int l3) {
        ByteBuffer b = ByteBuffer.wrap(f);
        return fold(words(b, l3 + 8, 32) + (f[l3 + 6] & 0xff) + Short.toUnsignedInt(b.getShort(l3 + 4)));
    }

    private static long words(ByteBuffer b, int at, int bytes) {
        long sum = 0;
        for (int i = 0; i < bytes; i += 2) {
            sum += Short.toUnsignedInt(b.getShort(at + i));
        }
        return sum;
    }

    private static int fold(long sum) {
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }
}
