package edgebox.lb.frame;

import static edgebox.lb.frame.TestFrames.BACKEND_MAC;
import static edgebox.lb.frame.TestFrames.BOX_MAC;
import static edgebox.lb.frame.TestFrames.buffer;
import static edgebox.lb.frame.TestFrames.concat;
import static edgebox.lb.frame.TestFrames.ethernet;
import static edgebox.lb.frame.TestFrames.ipv4;
import static edgebox.lb.frame.TestFrames.ipv6;
import static edgebox.lb.frame.TestFrames.tcp;
import static edgebox.lb.frame.TestFrames.udp;
import static edgebox.lb.frame.TestFrames.v6;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class DsrRewriteTest {

    static final long ROUTER_MAC = 0x0a_1b_2c_3d_4e_5fL;
    static final long OWN_MAC = 0x02_00_5e_10_00_01L;

    final FrameView view = new FrameView();

    @Test
    void onlyTheMacAddressesChange() {
        byte[][] frames = {
                concat(ethernet(42, 0x0800, ipv4(FrameViewTest.CLIENT, FrameViewTest.VIP, 6, tcp(50000, 443,
                        FrameView.TCP_SYN, new byte[0], new byte[300]))), new byte[4]),
                ethernet(0x86dd, ipv6(v6(FrameViewTest.CLIENT6), v6(FrameViewTest.VIP6), 17, udp(5, 53, new byte[99]))),
        };
        for (byte[] original : frames) {
            byte[] frame = original.clone();
            assertNull(view.parse(buffer(frame), 0, frame.length));
            assertNull(new DsrRewrite(OWN_MAC, 1500).rewrite(view, BACKEND_MAC));
            assertArrayEquals(new byte[] {2, 0, 0, 0, 0, (byte) 0xb1}, Arrays.copyOfRange(frame, 0, 6));
            assertArrayEquals(new byte[] {2, 0, 0x5e, 0x10, 0, 1}, Arrays.copyOfRange(frame, 6, 12));
            assertArrayEquals(Arrays.copyOfRange(original, 12, original.length),
                    Arrays.copyOfRange(frame, 12, frame.length));
        }
    }

    @Test
    void bytesAroundTheFrameInTheBufferAreUntouched() {
        byte[] frame = ethernet(0x0800, ipv4(FrameViewTest.CLIENT, FrameViewTest.VIP, 6, tcp(1, 2, 0)));
        ByteBuffer whole = ByteBuffer.allocate(frame.length + 20);
        for (int i = 0; i < whole.capacity(); i++) {
            whole.put(i, (byte) 0x77);
        }
        whole.put(10, frame);
        assertNull(view.parse(whole, 10, frame.length));
        assertNull(new DsrRewrite(OWN_MAC, 1500).rewrite(view, BACKEND_MAC));
        assertEquals(BACKEND_MAC, Mac.read(whole, 10));
        assertEquals(OWN_MAC, Mac.read(whole, 16));
        for (int i = 0; i < whole.capacity(); i++) {
            if (i < 10 || i >= 10 + frame.length) {
                assertEquals(0x77, whole.get(i), "byte " + i);
            } else if (i >= 22) {
                assertEquals(frame[i - 10], whole.get(i), "byte " + i);
            }
        }
    }

    @Test
    void aPacketLargerThanTheMtuIsTooBigAndLeftAsItCame() {
        byte[] original = ethernet(0x0800, ipv4(FrameViewTest.CLIENT, FrameViewTest.VIP, 17, udp(1, 2, new byte[1473])));
        byte[] frame = original.clone();
        assertNull(view.parse(buffer(frame), 0, frame.length));
        assertEquals(1501, view.l3Length());
        assertEquals(DropReason.TOO_BIG, new DsrRewrite(OWN_MAC, 1500).rewrite(view, BACKEND_MAC));
        assertArrayEquals(original, frame);
        assertNull(new DsrRewrite(OWN_MAC, 1501).rewrite(view, BACKEND_MAC), "exactly the MTU fits");
    }

    @Test
    void anMtuOutsideIpsRangeIsRefused() {
        IllegalArgumentException low = assertThrows(IllegalArgumentException.class, () -> new DsrRewrite(OWN_MAC, 67));
        assertEquals("DSR rewrite: mtu: 67 is outside 68..65535", low.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DsrRewrite(OWN_MAC, 65536));
    }

    @Test
    void macAddressesAreReadFromTheirUsualText() {
        assertEquals(ROUTER_MAC, Mac.parse("0a:1b:2c:3d:4e:5f"));
        assertEquals(0xffff_ffff_ffffL, Mac.parse("FF:FF:FF:FF:FF:FF"));
        assertEquals(BOX_MAC, Mac.parse("02:00:00:00:00:01"));
        assertEquals("MAC address '02:00:00:00:01': must be six hex octets joined by ':'",
                assertThrows(IllegalArgumentException.class, () -> Mac.parse("02:00:00:00:01")).getMessage());
        assertEquals("MAC address '02:00:00:00:00:0g': octet '0g' is not two hex digits",
                assertThrows(IllegalArgumentException.class, () -> Mac.parse("02:00:00:00:00:0g")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Mac.parse("02:00:00:00:00:+1"));
    }
}
