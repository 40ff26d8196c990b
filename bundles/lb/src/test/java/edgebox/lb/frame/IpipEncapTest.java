package edgebox.lb.frame;

import static edgebox.lb.frame.FrameViewTest.CLIENT;
import static edgebox.lb.frame.FrameViewTest.CLIENT6;
import static edgebox.lb.frame.FrameViewTest.VIP;
import static edgebox.lb.frame.FrameViewTest.VIP6;
import static edgebox.lb.frame.TestFrames.BACKEND_MAC;
import static edgebox.lb.frame.TestFrames.BOX_MAC;
import static edgebox.lb.frame.TestFrames.buffer;
import static edgebox.lb.frame.TestFrames.checksum;
import static edgebox.lb.frame.TestFrames.concat;
import static edgebox.lb.frame.TestFrames.ethernet;
import static edgebox.lb.frame.TestFrames.high;
import static edgebox.lb.frame.TestFrames.ipv4;
import static edgebox.lb.frame.TestFrames.ipv6;
import static edgebox.lb.frame.TestFrames.low;
import static edgebox.lb.frame.TestFrames.tcp;
import static edgebox.lb.frame.TestFrames.udp;
import static edgebox.lb.frame.TestFrames.v4;
import static edgebox.lb.frame.TestFrames.v6;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class IpipEncapTest {

    static final int BOX = v4("172.16.1.60");
    static final int BACKEND = v4("10.20.0.7");
    static final String BOX6 = "fd00:16:1::60";
    static final String BACKEND6 = "fd00:20::7";
    static final long NEXT_HOP_MAC = 0x02_00_00_00_00_feL;

    final FrameView view = new FrameView();
    final IpipEncap encap = new IpipEncap(BOX_MAC, BOX, high(BOX6), low(BOX6), 1500);

    static byte[] tcp4(int fragmentField, int tos, int payload) {
        byte[] packet = ipv4(CLIENT, VIP, 6, new byte[0], fragmentField,
                tcp(50000, 443, FrameView.TCP_ACK, new byte[0], new byte[payload]));
        packet[1] = (byte) tos;
        return packet;
    }

    byte[] encapsulate4(byte[] frame) {
        assertNull(view.parse(buffer(frame), 0, frame.length));
        ByteBuffer out = ByteBuffer.allocate(1600);
        assertNull(encap.encapsulate4(view, BACKEND, NEXT_HOP_MAC, out, 0));
        return Arrays.copyOf(out.array(), encap.written());
    }

    @Test
    void ipv4InIpv4HasEveryOuterFieldAndTheInnerPacketUnchanged() {
        byte[] inner = tcp4(0x4000, 0xb8, 100);
        byte[] out = encapsulate4(concat(ethernet(9, 0x0800, inner), new byte[4]));
        ByteBuffer o = ByteBuffer.wrap(out);
        assertEquals(14 + 20 + inner.length, out.length, "the VLAN tag and the padding stay behind");
        assertEquals(NEXT_HOP_MAC, Mac.read(o, 0));
        assertEquals(BOX_MAC, Mac.read(o, 6));
        assertEquals(0x0800, o.getShort(12));
        assertEquals(0x45, out[14], "version 4, no options");
        assertEquals((byte) 0xb8, out[15], "DSCP and ECN copied (RFC 2003 3.1)");
        assertEquals(20 + inner.length, o.getShort(16));
        assertEquals(0, o.getShort(18), "the first identification");
        assertEquals(0x4000, o.getShort(20), "DF copied, no fragment");
        assertEquals(64, out[22]);
        assertEquals(4, out[23], "IP in IP");
        assertEquals(BOX, o.getInt(26));
        assertEquals(BACKEND, o.getInt(30));
        byte[] header = Arrays.copyOfRange(out, 14, 34);
        int stored = o.getShort(24) & 0xffff;
        header[10] = 0;
        header[11] = 0;
        assertEquals(checksum(header, 0), stored);
        assertEquals(0, checksum(Arrays.copyOfRange(out, 14, 34), 0), "a valid header sums to all ones");
        assertArrayEquals(inner, Arrays.copyOfRange(out, 34, out.length));
    }

    @Test
    void dontFragmentFollowsTheInnerPacketAndIdentificationCounts() {
        byte[] mayFragment = encapsulate4(ethernet(0x0800, tcp4(0, 0, 10)));
        assertEquals(0, ByteBuffer.wrap(mayFragment).getShort(20));
        byte[] firstFragment = encapsulate4(ethernet(0x0800, tcp4(0x2000, 0, 10)));
        assertEquals(0, ByteBuffer.wrap(firstFragment).getShort(20), "MF and offset belong to the inner packet");
        assertEquals(1, ByteBuffer.wrap(firstFragment).getShort(18));
        byte[] dontFragment = encapsulate4(ethernet(0x0800, tcp4(0x4000, 0, 10)));
        assertEquals(0x4000, ByteBuffer.wrap(dontFragment).getShort(20));
        assertEquals(2, ByteBuffer.wrap(dontFragment).getShort(18));
        for (byte[] out : new byte[][] {mayFragment, firstFragment, dontFragment}) {
            assertEquals(0, checksum(Arrays.copyOfRange(out, 14, 34), 0));
        }
    }

    @Test
    void theEncapsulatedFrameReadsAsTheBoxTalkingToTheBackend() {
        byte[] out = encapsulate4(ethernet(0x0800, tcp4(0x4000, 0, 10)));
        assertNull(view.parse(buffer(out), 0, out.length));
        assertEquals(4, view.flow().protocol());
        assertEquals(BOX, view.flow().src4());
        assertEquals(BACKEND, view.flow().dst4());
    }

    @Test
    void ipv6InIpv6HasEveryOuterFieldAndTheInnerPacketUnchanged() {
        byte[] inner = ipv6(v6(CLIENT6), v6(VIP6), 17, udp(50001, 53, new byte[33]));
        byte[] frame = ethernet(0x86dd, inner);
        assertNull(view.parse(buffer(frame), 0, frame.length));
        ByteBuffer out = ByteBuffer.allocate(1600);
        assertNull(encap.encapsulate6(view, high(BACKEND6), low(BACKEND6), NEXT_HOP_MAC, out, 100));
        assertEquals(14 + 40 + inner.length, encap.written());
        ByteBuffer o = out.slice(100, encap.written());
        assertEquals(NEXT_HOP_MAC, Mac.read(o, 0));
        assertEquals(BOX_MAC, Mac.read(o, 6));
        assertEquals((short) 0x86dd, o.getShort(12));
        assertEquals(0x62a12345, o.getInt(14), "version, traffic class and flow label of the inner packet");
        assertEquals(inner.length, o.getShort(18));
        assertEquals(41, o.get(20), "IPv6 in IPv6");
        assertEquals(64, o.get(21));
        assertEquals(high(BOX6), o.getLong(22));
        assertEquals(low(BOX6), o.getLong(30));
        assertEquals(high(BACKEND6), o.getLong(38));
        assertEquals(low(BACKEND6), o.getLong(46));
        byte[] carried = new byte[inner.length];
        o.get(54, carried);
        assertArrayEquals(inner, carried);
        assertEquals(0, out.get(99), "nothing before the offset is written");
    }

    @Test
    void theOutputBuffersByteOrderDoesNotMatter() {
        byte[][] frames = {ethernet(0x0800, tcp4(0x4000, 0x10, 20)),
                ethernet(0x86dd, ipv6(v6(CLIENT6), v6(VIP6), 17, udp(1, 2, new byte[5])))};
        for (byte[] frame : frames) {
            ByteBuffer[] outs = {ByteBuffer.allocate(200),
                    ByteBuffer.allocateDirect(200).order(java.nio.ByteOrder.LITTLE_ENDIAN)};
            for (ByteBuffer out : outs) {
                IpipEncap fresh = new IpipEncap(BOX_MAC, BOX, high(BOX6), low(BOX6), 1500);
                ByteBuffer in = ByteBuffer.wrap(frame).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                assertNull(view.parse(in, 0, frame.length));
                assertNull(view.flow().ipVersion() == 4
                        ? fresh.encapsulate4(view, BACKEND, NEXT_HOP_MAC, out, 0)
                        : fresh.encapsulate6(view, high(BACKEND6), low(BACKEND6), NEXT_HOP_MAC, out, 0));
            }
            byte[] heap = new byte[200];
            byte[] direct = new byte[200];
            outs[0].get(0, heap);
            outs[1].get(0, direct);
            assertArrayEquals(heap, direct);
        }
    }

    @Test
    void anOuterPacketOverTheMtuIsTooBigAndNothingIsWritten() {
        byte[] frame = ethernet(0x0800, tcp4(0x4000, 0, 1441));
        assertNull(view.parse(buffer(frame), 0, frame.length));
        assertEquals(1481, view.l3Length());
        ByteBuffer out = ByteBuffer.allocate(1600);
        assertEquals(DropReason.TOO_BIG, encap.encapsulate4(view, BACKEND, NEXT_HOP_MAC, out, 0));
        assertArrayEquals(new byte[1600], out.array());
        assertNull(new IpipEncap(BOX_MAC, BOX, 0, 0, 1501).encapsulate4(view, BACKEND, NEXT_HOP_MAC, out, 0));

        byte[] frame6 = ethernet(0x86dd, ipv6(v6(CLIENT6), v6(VIP6), 17, udp(1, 2, new byte[1413])));
        assertNull(view.parse(buffer(frame6), 0, frame6.length));
        assertEquals(DropReason.TOO_BIG, encap.encapsulate6(view, 1, 2, NEXT_HOP_MAC, out, 0));
    }

    @Test
    void callerMistakesAreRefusedWithTheirReason() {
        byte[] frame = ethernet(0x0800, tcp4(0x4000, 0, 10));
        assertNull(view.parse(buffer(frame), 0, frame.length));
        assertEquals("IPIP encapsulation: frame: IPv4 packet given to the IPv6 tunnel",
                assertThrows(IllegalArgumentException.class,
                        () -> encap.encapsulate6(view, 1, 2, NEXT_HOP_MAC, ByteBuffer.allocate(1600), 0)).getMessage());
        assertEquals("IPIP encapsulation: output buffer: 84 bytes do not fit at index 10 of 90",
                assertThrows(IllegalArgumentException.class,
                        () -> encap.encapsulate4(view, BACKEND, NEXT_HOP_MAC, ByteBuffer.allocate(90), 10)).getMessage());
        assertEquals("IPIP encapsulation: mtu: 65536 is outside 68..65535",
                assertThrows(IllegalArgumentException.class, () -> new IpipEncap(BOX_MAC, BOX, 0, 0, 65536)).getMessage());
    }
}
