package edgebox.lb.frame;

import static edgebox.lb.frame.TestFrames.DESTINATION_OPTIONS;
import static edgebox.lb.frame.TestFrames.FRAGMENT;
import static edgebox.lb.frame.TestFrames.HOP_BY_HOP;
import static edgebox.lb.frame.TestFrames.ROUTING;
import static edgebox.lb.frame.TestFrames.buffer;
import static edgebox.lb.frame.TestFrames.concat;
import static edgebox.lb.frame.TestFrames.ethernet;
import static edgebox.lb.frame.TestFrames.fragment;
import static edgebox.lb.frame.TestFrames.high;
import static edgebox.lb.frame.TestFrames.ipv4;
import static edgebox.lb.frame.TestFrames.ipv6;
import static edgebox.lb.frame.TestFrames.low;
import static edgebox.lb.frame.TestFrames.options;
import static edgebox.lb.frame.TestFrames.routing;
import static edgebox.lb.frame.TestFrames.tcp;
import static edgebox.lb.frame.TestFrames.udp;
import static edgebox.lb.frame.TestFrames.v4;
import static edgebox.lb.frame.TestFrames.v6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

class FrameViewTest {

    static final int CLIENT = v4("192.0.2.10");
    static final int VIP = v4("172.16.1.70");
    static final String CLIENT6 = "2001:db8:1::10";
    static final String VIP6 = "fd00:16:1::70";
    static final int IPV4 = 0x0800;
    static final int IPV6 = 0x86dd;

    final FrameView view = new FrameView();

    static byte[] tcp4(int flags) {
        return ethernet(IPV4, ipv4(CLIENT, VIP, 6, tcp(50000, 443, flags)));
    }

    static byte[] udp6(byte[] extensions, int firstNext) {
        return ethernet(IPV6, ipv6(v6(CLIENT6), v6(VIP6), firstNext, extensions, 17, udp(50001, 53, new byte[12])));
    }

    @Test
    void aTcpSegmentOverIpv4GivesItsFiveTupleFlagsAndOffsets() {
        byte[] frame = tcp4(FrameView.TCP_SYN);
        assertNull(view.parse(buffer(frame), 0, frame.length));
        FlowKey flow = view.flow();
        assertEquals(4, flow.ipVersion());
        assertEquals(6, flow.protocol());
        assertEquals(CLIENT, flow.src4());
        assertEquals(VIP, flow.dst4());
        assertEquals(50000, flow.srcPort());
        assertEquals(443, flow.dstPort());
        assertEquals(FrameView.TCP_SYN, view.tcpFlags());
        assertEquals(-1, view.vlanId());
        assertEquals(IPV4, view.etherType());
        assertEquals(14, view.l3Offset());
        assertEquals(34, view.l4Offset());
        assertEquals(40, view.l3Length());
        assertEquals(frame.length, view.length());
        assertFalse(view.fragment());
        assertFalse(view.quotesFlow());
    }

    @Test
    void aVlanTagMovesTheIpHeaderAndNamesTheVlan() {
        byte[] frame = ethernet(42, IPV4, ipv4(CLIENT, VIP, 6, tcp(50000, 443, FrameView.TCP_ACK)));
        assertNull(view.parse(buffer(frame), 0, frame.length));
        assertEquals(42, view.vlanId());
        assertEquals(18, view.l3Offset());
        assertEquals(38, view.l4Offset());
        assertEquals(443, view.flow().dstPort());
        assertEquals(FrameView.TCP_ACK, view.tcpFlags());
    }

    @Test
    void ipv4OptionsAreSkippedToTheUpperLayer() {
        for (int words = 1; words <= 10; words++) {
            byte[] options = new byte[words * 4];
            options[0] = (byte) 0x94; // router alert, then end-of-options zeros
            options[1] = 4;
            byte[] frame = ethernet(IPV4, ipv4(CLIENT, VIP, 17, options, 0, udp(5353, 53, new byte[3])));
            assertNull(view.parse(buffer(frame), 0, frame.length), "options of " + words + " words");
            assertEquals(14 + 20 + words * 4, view.l4Offset());
            assertEquals(5353, view.flow().srcPort());
            assertEquals(53, view.flow().dstPort());
        }
    }

    @Test
    void udpOverIpv6GivesBothAddressesAsTwoLongs() {
        byte[] frame = udp6(new byte[0], 17);
        assertNull(view.parse(buffer(frame), 0, frame.length));
        FlowKey flow = view.flow();
        assertEquals(6, flow.ipVersion());
        assertEquals(17, flow.protocol());
        assertEquals(high(CLIENT6), flow.srcHigh());
        assertEquals(low(CLIENT6), flow.srcLow());
        assertEquals(high(VIP6), flow.dstHigh());
        assertEquals(low(VIP6), flow.dstLow());
        assertEquals(0, flow.src4());
        assertEquals(50001, flow.srcPort());
        assertEquals(53, flow.dstPort());
        assertEquals(40 + 20, view.l3Length());
        assertEquals(54, view.l4Offset());
    }

    @Test
    void ipv6ExtensionHeadersAreWalkedToTheUpperLayer() {
        byte[] extensions = concat(options(ROUTING, 16), routing(FRAGMENT), fragment(DESTINATION_OPTIONS, 0, true),
                options(6, 8));
        byte[] frame = ethernet(IPV6, ipv6(v6(CLIENT6), v6(VIP6), HOP_BY_HOP, extensions, 6,
                tcp(50002, 80, FrameView.TCP_SYN)));
        assertNull(view.parse(buffer(frame), 0, frame.length));
        assertEquals(6, view.flow().protocol());
        assertEquals(14 + 40 + extensions.length, view.l4Offset());
        assertEquals(50002, view.flow().srcPort());
        assertEquals(80, view.flow().dstPort());
        assertEquals(FrameView.TCP_SYN, view.tcpFlags());
        assertTrue(view.fragment(), "a first fragment");
        assertFalse(view.laterFragment());
    }

    @Test
    void anIpv6LaterFragmentNamesItsProtocolButHasNoPorts() {
        byte[] frame = ethernet(IPV6, ipv6(v6(CLIENT6), v6(VIP6), FRAGMENT, fragment(17, 185, false), 17,
                new byte[64]));
        assertNull(view.parse(buffer(frame), 0, frame.length));
        assertTrue(view.laterFragment());
        assertEquals(17, view.flow().protocol());
        assertEquals(0, view.flow().srcPort());
        assertEquals(0, view.flow().dstPort());
        assertEquals(high(VIP6), view.flow().dstHigh());
    }

    @Test
    void anIpv4FirstFragmentHasPortsAndALaterOneHasNone() {
        byte[] first = ethernet(IPV4, ipv4(CLIENT, VIP, 17, new byte[0], 0x2000, udp(4000, 4789, new byte[64])));
        assertNull(view.parse(buffer(first), 0, first.length));
        assertTrue(view.fragment());
        assertFalse(view.laterFragment());
        assertEquals(4789, view.flow().dstPort());

        byte[] later = ethernet(IPV4, ipv4(CLIENT, VIP, 17, new byte[0], 9, new byte[64]));
        assertNull(view.parse(buffer(later), 0, later.length));
        assertTrue(view.laterFragment());
        assertEquals(17, view.flow().protocol());
        assertEquals(VIP, view.flow().dst4());
        assertEquals(0, view.flow().dstPort());
        assertEquals(0, view.l4Offset());
    }

    @Test
    void extensionHeadersBeyondTheBoundAreRefused() {
        byte[] eight = new byte[0];
        for (int i = 0; i < IpHeader.MAX_EXTENSION_HEADERS; i++) {
            eight = concat(eight, options(i + 1 < IpHeader.MAX_EXTENSION_HEADERS ? DESTINATION_OPTIONS : 17, 8));
        }
        byte[] atBound = udp6(eight, DESTINATION_OPTIONS);
        assertNull(view.parse(buffer(atBound), 0, atBound.length));
        assertEquals(53, view.flow().dstPort());

        byte[] beyond = udp6(concat(options(DESTINATION_OPTIONS, 8), eight), DESTINATION_OPTIONS);
        assertEquals(DropReason.TOO_MANY_EXTENSION_HEADERS, view.parse(buffer(beyond), 0, beyond.length));
    }

    @Test
    void otherEtherTypesAreUnsupported() {
        byte[] arp = ethernet(TestFrames.ARP, new byte[28]);
        assertEquals(DropReason.UNSUPPORTED_ETHERTYPE, view.parse(buffer(arp), 0, arp.length));
        byte[] twoTags = ethernet(7, 0x8100, ethernet(8, IPV4, new byte[0]));
        assertEquals(DropReason.UNSUPPORTED_ETHERTYPE, view.parse(buffer(twoTags), 0, twoTags.length));
        byte[] ieee8023 = ethernet(0x05dc, new byte[46]);
        assertEquals(DropReason.UNSUPPORTED_ETHERTYPE, view.parse(buffer(ieee8023), 0, ieee8023.length));
    }

    @Test
    void impossibleIpHeadersAreBad() {
        byte[] v6InV4 = ethernet(IPV4, ipv6(v6(CLIENT6), v6(VIP6), 17, udp(1, 2, new byte[0])));
        assertEquals(DropReason.BAD_IP_HEADER, view.parse(buffer(v6InV4), 0, v6InV4.length));
        byte[] v4InV6 = ethernet(IPV6, ipv4(CLIENT, VIP, 17, udp(1, 2, new byte[40])));
        assertEquals(DropReason.BAD_IP_HEADER, view.parse(buffer(v4InV6), 0, v4InV6.length));

        byte[] shortIhl = tcp4(FrameView.TCP_ACK);
        shortIhl[14] = 0x44;
        assertEquals(DropReason.BAD_IP_HEADER, view.parse(buffer(shortIhl), 0, shortIhl.length));
        byte[] lengthBelowHeader = tcp4(FrameView.TCP_ACK);
        lengthBelowHeader[16] = 0;
        lengthBelowHeader[17] = 19;
        assertEquals(DropReason.BAD_IP_HEADER, view.parse(buffer(lengthBelowHeader), 0, lengthBelowHeader.length));
    }

    @Test
    void aTcpDataOffsetBelowFiveWordsIsABadHeader() {
        byte[] frame = tcp4(FrameView.TCP_ACK);
        frame[14 + 20 + 12] = 0x40;
        assertEquals(DropReason.BAD_L4_HEADER, view.parse(buffer(frame), 0, frame.length));
    }

    @Test
    void aTcpDataOffsetBeyondThePacketIsTruncation() {
        byte[] frame = tcp4(FrameView.TCP_ACK);
        frame[14 + 20 + 12] = (byte) 0x60;
        assertEquals(DropReason.TRUNCATED, view.parse(buffer(frame), 0, frame.length));
    }

    @Test
    void cuttingAFrameAtAnyByteIsTruncation() {
        byte[][] frames = {
                tcp4(FrameView.TCP_SYN),
                ethernet(5, IPV4, ipv4(CLIENT, VIP, 6, new byte[8], 0, tcp(1, 2, 0, new byte[12], new byte[0]))),
                ethernet(5, IPV6, ipv6(v6(CLIENT6), v6(VIP6), HOP_BY_HOP, concat(options(ROUTING, 8), routing(
                        FRAGMENT), fragment(DESTINATION_OPTIONS, 0, true), options(17, 16)), 17, udp(7, 8, new byte[0]))),
                ethernet(IPV4, ipv4(CLIENT, VIP, 1, TestFrames.icmp(8, 0, 0x00010001, new byte[0]))),
                IcmpErrorTest.fragmentationNeeded(),
                IcmpErrorTest.packetTooBig(),
        };
        for (byte[] frame : frames) {
            assertNull(view.parse(buffer(frame), 0, frame.length));
            for (int cut = 0; cut < frame.length; cut++) {
                assertEquals(DropReason.TRUNCATED, view.parse(buffer(frame), 0, cut), "cut at " + cut);
            }
        }
    }

    @Test
    void aStatedLengthEndingInsideAHeaderIsTruncation() {
        byte[] v4 = ethernet(IPV4, ipv4(CLIENT, VIP, 6, new byte[4], 0, tcp(1, 2, 0, new byte[8], new byte[0])));
        for (int stated = 24; stated < 24 + 28; stated++) {
            byte[] frame = v4.clone();
            frame[16] = (byte) (stated >> 8);
            frame[17] = (byte) stated;
            assertEquals(DropReason.TRUNCATED, view.parse(buffer(frame), 0, frame.length), "total length " + stated);
        }
        byte[] v6 = ethernet(IPV6, ipv6(v6(CLIENT6), v6(VIP6), HOP_BY_HOP, concat(options(ROUTING, 16),
                routing(FRAGMENT), fragment(17, 0, false)), 17, udp(1, 2, new byte[0])));
        for (int payload = 0; payload < 16 + 24 + 8 + 8; payload++) {
            byte[] frame = v6.clone();
            frame[18] = (byte) (payload >> 8);
            frame[19] = (byte) payload;
            assertEquals(DropReason.TRUNCATED, view.parse(buffer(frame), 0, frame.length), "payload length " + payload);
        }
    }

    @Test
    void ethernetPaddingIsNotPartOfThePacket() {
        byte[] frame = concat(tcp4(FrameView.TCP_RST), new byte[6]);
        assertNull(view.parse(buffer(frame), 0, frame.length));
        assertEquals(60, view.length());
        assertEquals(40, view.l3Length());
        assertEquals(FrameView.TCP_RST, view.tcpFlags());
    }

    @Test
    void theFrameMayStartAnywhereInABufferOfEitherByteOrder() {
        byte[] frame = udp6(options(17, 8), DESTINATION_OPTIONS);
        ByteBuffer big = ByteBuffer.allocateDirect(frame.length + 100).order(ByteOrder.LITTLE_ENDIAN);
        big.put(37, frame);
        big.position(3).limit(37 + frame.length + 9);
        assertNull(view.parse(big, 37, frame.length));
        assertEquals(37, view.offset());
        assertEquals(high(CLIENT6), view.flow().srcHigh());
        assertEquals(low(VIP6), view.flow().dstLow());
        assertEquals(50001, view.flow().srcPort());
        assertEquals(3, big.position(), "the buffer's position is left alone");
        assertEquals(37 + frame.length + 9, big.limit());
        assertThrows(IndexOutOfBoundsException.class, () -> view.parse(big, 37, frame.length + 10),
                "a frame past the limit is the caller's mistake");
    }

    @Test
    void eachParseForgetsTheFrameBefore() {
        byte[] syn = tcp4(FrameView.TCP_SYN);
        byte[] later = ethernet(42, IPV4, ipv4(VIP, CLIENT, 6, new byte[0], 100, new byte[16]));
        byte[] arp = ethernet(TestFrames.ARP, new byte[28]);
        assertNull(view.parse(buffer(syn), 0, syn.length));
        assertNull(view.parse(buffer(later), 0, later.length));
        assertEquals(0, view.tcpFlags());
        assertEquals(0, view.flow().srcPort());
        assertEquals(CLIENT, view.flow().dst4());
        assertEquals(DropReason.UNSUPPORTED_ETHERTYPE, view.parse(buffer(arp), 0, arp.length));
        assertEquals(-1, view.vlanId());
        assertEquals(0, view.flow().ipVersion());
        assertFalse(view.laterFragment());
        assertNull(view.parse(buffer(syn), 0, syn.length));
        assertEquals(443, view.flow().dstPort());
    }

    @Test
    void anotherProtocolHasAddressesAndNoPorts() {
        byte[] gre = ethernet(IPV4, ipv4(CLIENT, VIP, 47, new byte[24]));
        assertNull(view.parse(buffer(gre), 0, gre.length));
        assertEquals(47, view.flow().protocol());
        assertEquals(CLIENT, view.flow().src4());
        assertEquals(0, view.flow().srcPort());
        assertEquals(34, view.l4Offset());
    }
}
