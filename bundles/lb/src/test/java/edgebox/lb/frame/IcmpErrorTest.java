package edgebox.lb.frame;

import static edgebox.lb.frame.FrameViewTest.CLIENT;
import static edgebox.lb.frame.FrameViewTest.CLIENT6;
import static edgebox.lb.frame.FrameViewTest.IPV4;
import static edgebox.lb.frame.FrameViewTest.IPV6;
import static edgebox.lb.frame.FrameViewTest.VIP;
import static edgebox.lb.frame.FrameViewTest.VIP6;
import static edgebox.lb.frame.TestFrames.DESTINATION_OPTIONS;
import static edgebox.lb.frame.TestFrames.buffer;
import static edgebox.lb.frame.TestFrames.concat;
import static edgebox.lb.frame.TestFrames.ethernet;
import static edgebox.lb.frame.TestFrames.high;
import static edgebox.lb.frame.TestFrames.icmp;
import static edgebox.lb.frame.TestFrames.ipv4;
import static edgebox.lb.frame.TestFrames.ipv6;
import static edgebox.lb.frame.TestFrames.low;
import static edgebox.lb.frame.TestFrames.options;
import static edgebox.lb.frame.TestFrames.tcp;
import static edgebox.lb.frame.TestFrames.udp;
import static edgebox.lb.frame.TestFrames.v4;
import static edgebox.lb.frame.TestFrames.v6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** ICMP errors about a VIP's flow: the backend's reply was too big for a router on the way to the client. */
class IcmpErrorTest {

    static final int ROUTER = v4("198.51.100.1");
    static final String ROUTER6 = "2001:db8:ff::1";

    final FrameView view = new FrameView();

    /** The backend's reply VIP:443 -> client:50000, as much of it as the router quotes. */
    static byte[] replyQuoted4(byte[] ipOptions, int quotedBytes) {
        byte[] reply = ipv4(VIP, CLIENT, 6, ipOptions, 0x4000, tcp(443, 50000, FrameView.TCP_ACK, new byte[0],
                new byte[1460]));
        return Arrays.copyOf(reply, quotedBytes);
    }

    static byte[] fragmentationNeeded(byte[] quoted) {
        return ethernet(IPV4, ipv4(ROUTER, VIP, 1, icmp(3, 4, 1400, quoted)));
    }

    static byte[] fragmentationNeeded() {
        return fragmentationNeeded(replyQuoted4(new byte[0], 28));
    }

    static byte[] replyQuoted6(byte[] extensions, int firstNext, int quotedBytes) {
        byte[] reply = ipv6(v6(VIP6), v6(CLIENT6), firstNext, extensions, 17, udp(53, 50001, new byte[1400]));
        return Arrays.copyOf(reply, quotedBytes);
    }

    static byte[] packetTooBig(byte[] quoted) {
        return ethernet(IPV6, ipv6(v6(ROUTER6), v6(VIP6), 58, icmp(2, 0, 1280, quoted)));
    }

    static byte[] packetTooBig() {
        return packetTooBig(replyQuoted6(new byte[0], 17, 1232));
    }

    @Test
    void fragmentationNeededNamesTheClientsFlowToTheVip() {
        byte[] frame = fragmentationNeeded();
        assertNull(view.parse(buffer(frame), 0, frame.length));
        assertEquals(1, view.flow().protocol());
        assertEquals(ROUTER, view.flow().src4());
        assertEquals(VIP, view.flow().dst4());
        assertEquals(3, view.icmpType());
        assertEquals(4, view.icmpCode());
        assertEquals(1400, view.icmpMtu());
        assertTrue(view.quotesFlow());
        FlowKey client = view.quotedFlow();
        assertEquals(4, client.ipVersion());
        assertEquals(6, client.protocol());
        assertEquals(CLIENT, client.src4());
        assertEquals(50000, client.srcPort());
        assertEquals(VIP, client.dst4());
        assertEquals(443, client.dstPort());
    }

    @Test
    void theQuotedHeadersOptionsAreSkipped() {
        byte[] frame = fragmentationNeeded(replyQuoted4(new byte[12], 20 + 12 + 8));
        assertNull(view.parse(buffer(frame), 0, frame.length));
        assertEquals(50000, view.quotedFlow().srcPort());
        assertEquals(443, view.quotedFlow().dstPort());
    }

    @Test
    void packetTooBigNamesTheClientsFlowToTheVip() {
        byte[] frame = packetTooBig();
        assertNull(view.parse(buffer(frame), 0, frame.length));
        assertEquals(58, view.flow().protocol());
        assertEquals(2, view.icmpType());
        assertEquals(1280, view.icmpMtu());
        assertTrue(view.quotesFlow());
        FlowKey client = view.quotedFlow();
        assertEquals(6, client.ipVersion());
        assertEquals(17, client.protocol());
        assertEquals(high(CLIENT6), client.srcHigh());
        assertEquals(low(CLIENT6), client.srcLow());
        assertEquals(50001, client.srcPort());
        assertEquals(high(VIP6), client.dstHigh());
        assertEquals(low(VIP6), client.dstLow());
        assertEquals(53, client.dstPort());
    }

    @Test
    void theQuotedPacketsExtensionHeadersAreWalked() {
        byte[] frame = packetTooBig(replyQuoted6(options(17, 16), DESTINATION_OPTIONS, 40 + 16 + 8));
        assertNull(view.parse(buffer(frame), 0, frame.length));
        assertEquals(17, view.quotedFlow().protocol());
        assertEquals(50001, view.quotedFlow().srcPort());
    }

    @Test
    void aQuotedLaterFragmentNamesAFlowWithoutPorts() {
        byte[] quoted = Arrays.copyOf(ipv4(VIP, CLIENT, 17, new byte[0], 0x2000 | 185, new byte[600]), 28);
        byte[] frame = fragmentationNeeded(quoted);
        assertNull(view.parse(buffer(frame), 0, frame.length));
        assertTrue(view.quotesFlow());
        assertEquals(CLIENT, view.quotedFlow().src4());
        assertEquals(0, view.quotedFlow().srcPort());
    }

    @Test
    void otherIcmpMessagesQuoteNoFlow() {
        byte[] portUnreachable = ethernet(IPV4, ipv4(ROUTER, VIP, 1, icmp(3, 3, 0, replyQuoted4(new byte[0], 28))));
        byte[] echo = ethernet(IPV4, ipv4(CLIENT, VIP, 1, icmp(8, 0, 0x00070001, new byte[32])));
        byte[] echo6 = ethernet(IPV6, ipv6(v6(CLIENT6), v6(VIP6), 58, icmp(128, 0, 0x00070001, new byte[32])));
        byte[] icmp4InV6 = ethernet(IPV6, ipv6(v6(CLIENT6), v6(VIP6), 1, icmp(3, 4, 1400, replyQuoted4(new byte[0],
                28))));
        byte[] icmp6InV4 = ethernet(IPV4, ipv4(ROUTER, VIP, 58, icmp(2, 0, 1280, replyQuoted6(new byte[0], 17, 48))));
        for (byte[] frame : new byte[][] {portUnreachable, echo, echo6, icmp4InV6, icmp6InV4}) {
            assertNull(view.parse(buffer(frame), 0, frame.length));
            assertFalse(view.quotesFlow());
            assertEquals(0, view.icmpMtu());
        }
        assertNull(view.parse(buffer(echo6), 0, echo6.length));
        assertEquals(128, view.icmpType());
    }

    @Test
    void aQuotedPacketTooShortToNameAFlowIsRefused() {
        for (int quoted = 0; quoted < 24; quoted++) {
            byte[] frame = fragmentationNeeded(replyQuoted4(new byte[0], quoted));
            assertEquals(DropReason.BAD_EMBEDDED_PACKET, view.parse(buffer(frame), 0, frame.length), "" + quoted);
            assertFalse(view.quotesFlow());
        }
        for (int quoted = 0; quoted < 40 + 16 + 4; quoted++) {
            byte[] frame = packetTooBig(replyQuoted6(options(17, 16), DESTINATION_OPTIONS, quoted));
            assertEquals(DropReason.BAD_EMBEDDED_PACKET, view.parse(buffer(frame), 0, frame.length), "" + quoted);
        }
    }

    @Test
    void aQuotedPacketOfTheOtherFamilyIsRefused() {
        byte[] v6InV4 = fragmentationNeeded(replyQuoted6(new byte[0], 17, 48));
        assertEquals(DropReason.BAD_EMBEDDED_PACKET, view.parse(buffer(v6InV4), 0, v6InV4.length));
        byte[] v4InV6 = packetTooBig(concat(replyQuoted4(new byte[0], 28), new byte[20]));
        assertEquals(DropReason.BAD_EMBEDDED_PACKET, view.parse(buffer(v4InV6), 0, v4InV6.length));
    }
}
