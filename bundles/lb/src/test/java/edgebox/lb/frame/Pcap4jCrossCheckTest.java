package edgebox.lb.frame;

import static edgebox.lb.frame.FrameViewTest.CLIENT;
import static edgebox.lb.frame.FrameViewTest.CLIENT6;
import static edgebox.lb.frame.FrameViewTest.VIP;
import static edgebox.lb.frame.FrameViewTest.VIP6;
import static edgebox.lb.frame.TestFrames.BOX_MAC;
import static edgebox.lb.frame.TestFrames.buffer;
import static edgebox.lb.frame.TestFrames.concat;
import static edgebox.lb.frame.TestFrames.high;
import static edgebox.lb.frame.TestFrames.low;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pcap4j.packet.Dot1qVlanTagPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV4DestinationUnreachablePacket;
import org.pcap4j.packet.IcmpV6CommonPacket;
import org.pcap4j.packet.IcmpV6PacketTooBigPacket;
import org.pcap4j.packet.IpV4NoOperationOption;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc791Tos;
import org.pcap4j.packet.IpV6ExtFragmentPacket;
import org.pcap4j.packet.IpV6ExtHopByHopOptionsPacket;
import org.pcap4j.packet.IpV6ExtOptionsPacket.IpV6Option;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.IpV6PadNOption;
import org.pcap4j.packet.IpV6SimpleFlowLabel;
import org.pcap4j.packet.IpV6SimpleTrafficClass;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IcmpV4Code;
import org.pcap4j.packet.namednumber.IcmpV4Type;
import org.pcap4j.packet.namednumber.IcmpV6Code;
import org.pcap4j.packet.namednumber.IcmpV6Type;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;
import org.pcap4j.packet.namednumber.TcpPort;
import org.pcap4j.packet.namednumber.UdpPort;
import org.pcap4j.util.MacAddress;

/** Frames written by pcap4j's builders read the same through FrameView; frames written here read right in pcap4j. */
class Pcap4jCrossCheckTest {

    final FrameView view = new FrameView();

    static Inet4Address v4(int address) throws Exception {
        return (Inet4Address) InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(address).array());
    }

    static Inet6Address v6(String address) throws Exception {
        return (Inet6Address) InetAddress.getByName(address);
    }

    static EthernetPacket.Builder ethernet(EtherType type, Packet.Builder payload) {
        return new EthernetPacket.Builder().dstAddr(MacAddress.getByName("02:00:00:00:00:01"))
                .srcAddr(MacAddress.getByName("02:00:00:00:00:0a")).type(type).payloadBuilder(payload)
                .paddingAtBuild(true);
    }

    static TcpPacket.Builder tcp(InetAddress src, int srcPort, InetAddress dst, int dstPort) {
        return new TcpPacket.Builder().srcPort(TcpPort.getInstance((short) srcPort))
                .dstPort(TcpPort.getInstance((short) dstPort)).sequenceNumber(1).acknowledgmentNumber(2)
                .syn(true).ack(true).window((short) 1024).srcAddr(src).dstAddr(dst)
                .correctLengthAtBuild(true).correctChecksumAtBuild(true);
    }

    static IpV4Packet.Builder ipv4(int src, int dst, IpNumber protocol, Packet.Builder payload) throws Exception {
        return new IpV4Packet.Builder().version(IpVersion.IPV4).tos(IpV4Rfc791Tos.newInstance((byte) 0))
                .ttl((byte) 64).protocol(protocol).srcAddr(v4(src)).dstAddr(v4(dst)).dontFragmentFlag(true)
                .identification((short) 7).payloadBuilder(payload).correctChecksumAtBuild(true)
                .correctLengthAtBuild(true);
    }

    static UdpPacket.Builder udp(InetAddress src, int srcPort, InetAddress dst, int dstPort) {
        return new UdpPacket.Builder().srcPort(UdpPort.getInstance((short) srcPort))
                .dstPort(UdpPort.getInstance((short) dstPort)).srcAddr(src).dstAddr(dst)
                .payloadBuilder(new org.pcap4j.packet.UnknownPacket.Builder().rawData(new byte[20]))
                .correctLengthAtBuild(true).correctChecksumAtBuild(true);
    }

    static IpV6Packet.Builder ipv6(String src, String dst, IpNumber next, Packet.Builder payload) throws Exception {
        return new IpV6Packet.Builder().version(IpVersion.IPV6)
                .trafficClass(IpV6SimpleTrafficClass.newInstance((byte) 0))
                .flowLabel(IpV6SimpleFlowLabel.newInstance(0)).nextHeader(next).hopLimit((byte) 64)
                .srcAddr(v6(src)).dstAddr(v6(dst)).payloadBuilder(payload).correctLengthAtBuild(true);
    }

    @Test
    void aVlanTaggedIpv4TcpFrameWithOptions() throws Exception {
        IpV4Packet.Builder ip = ipv4(CLIENT, VIP, IpNumber.TCP, tcp(v4(CLIENT), 50000, v4(VIP), 443))
                .options(List.of(IpV4NoOperationOption.getInstance(), IpV4NoOperationOption.getInstance(),
                        IpV4NoOperationOption.getInstance(), IpV4NoOperationOption.getInstance()));
        Dot1qVlanTagPacket.Builder vlan = new Dot1qVlanTagPacket.Builder().vid((short) 300).type(EtherType.IPV4)
                .payloadBuilder(ip);
        byte[] frame = ethernet(EtherType.DOT1Q_VLAN_TAGGED_FRAMES, vlan).build().getRawData();
        IpV4Packet built = EthernetPacket.newPacket(frame, 0, frame.length).get(IpV4Packet.class);

        assertNull(view.parse(buffer(frame), 0, frame.length));
        assertEquals(300, view.vlanId());
        assertEquals(built.getHeader().getTotalLengthAsInt(), view.l3Length());
        assertEquals(18 + 24, view.l4Offset());
        assertEquals(CLIENT, view.flow().src4());
        assertEquals(VIP, view.flow().dst4());
        assertEquals(50000, view.flow().srcPort());
        assertEquals(443, view.flow().dstPort());
        assertEquals(FrameView.TCP_SYN | FrameView.TCP_ACK, view.tcpFlags());
    }

    @Test
    void anIpv6FirstFragmentBehindHopByHopOptions() throws Exception {
        IpV6ExtFragmentPacket.Builder fragment = new IpV6ExtFragmentPacket.Builder().nextHeader(IpNumber.UDP)
                .fragmentOffset((short) 0).m(true).identification(99)
                .payloadBuilder(udp(v6(CLIENT6), 50001, v6(VIP6), 53));
        List<IpV6Option> padding = List.of(new IpV6PadNOption.Builder().data(new byte[4]).correctLengthAtBuild(true)
                .build());
        IpV6ExtHopByHopOptionsPacket.Builder hopByHop = new IpV6ExtHopByHopOptionsPacket.Builder();
        hopByHop.nextHeader(IpNumber.IPV6_FRAG).options(padding).correctLengthAtBuild(true).payloadBuilder(fragment);
        byte[] frame = ethernet(EtherType.IPV6, ipv6(CLIENT6, VIP6, IpNumber.IPV6_HOPOPT, hopByHop)).build()
                .getRawData();

        assertNull(view.parse(buffer(frame), 0, frame.length));
        assertEquals(17, view.flow().protocol());
        assertEquals(14 + 40 + 8 + 8, view.l4Offset());
        assertEquals(high(CLIENT6), view.flow().srcHigh());
        assertEquals(low(VIP6), view.flow().dstLow());
        assertEquals(53, view.flow().dstPort());
        assertTrue(view.fragment());
        assertFalse(view.laterFragment());
    }

    @Test
    void fragmentationNeededFromPcap4j() throws Exception {
        IpV4Packet reply = ipv4(VIP, CLIENT, IpNumber.TCP, tcp(v4(VIP), 443, v4(CLIENT), 50000)).build();
        IcmpV4DestinationUnreachablePacket.Builder unreachable = new IcmpV4DestinationUnreachablePacket.Builder()
                .unused(1400).payload(reply);
        IcmpV4CommonPacket.Builder icmp = new IcmpV4CommonPacket.Builder().type(IcmpV4Type.DESTINATION_UNREACHABLE)
                .code(IcmpV4Code.FRAGMENTATION_BLOCKED).payloadBuilder(unreachable).correctChecksumAtBuild(true);
        byte[] frame = ethernet(EtherType.IPV4, ipv4(IcmpErrorTest.ROUTER, VIP, IpNumber.ICMPV4, icmp)).build()
                .getRawData();

        assertNull(view.parse(buffer(frame), 0, frame.length));
        assertTrue(view.quotesFlow());
        assertEquals(1400, view.icmpMtu());
        assertEquals(CLIENT, view.quotedFlow().src4());
        assertEquals(50000, view.quotedFlow().srcPort());
        assertEquals(VIP, view.quotedFlow().dst4());
        assertEquals(443, view.quotedFlow().dstPort());
    }

    @Test
    void packetTooBigFromPcap4j() throws Exception {
        IpV6Packet reply = ipv6(VIP6, CLIENT6, IpNumber.UDP, udp(v6(VIP6), 53, v6(CLIENT6), 50001)).build();
        IcmpV6CommonPacket.Builder icmp = new IcmpV6CommonPacket.Builder().type(IcmpV6Type.PACKET_TOO_BIG)
                .code(IcmpV6Code.NO_CODE).srcAddr(v6(IcmpErrorTest.ROUTER6)).dstAddr(v6(VIP6))
                .payloadBuilder(new IcmpV6PacketTooBigPacket.Builder().mtu(1280).payload(reply))
                .correctChecksumAtBuild(true);
        byte[] frame = ethernet(EtherType.IPV6, ipv6(IcmpErrorTest.ROUTER6, VIP6, IpNumber.ICMPV6, icmp)).build()
                .getRawData();

        assertNull(view.parse(buffer(frame), 0, frame.length));
        assertTrue(view.quotesFlow());
        assertEquals(1280, view.icmpMtu());
        assertEquals(high(CLIENT6), view.quotedFlow().srcHigh());
        assertEquals(low(CLIENT6), view.quotedFlow().srcLow());
        assertEquals(50001, view.quotedFlow().srcPort());
        assertEquals(low(VIP6), view.quotedFlow().dstLow());
        assertEquals(53, view.quotedFlow().dstPort());
    }

    @Test
    void handWrittenFramesCarryChecksumsPcap4jAccepts() throws Exception {
        byte[] tcp4 = FrameViewTest.tcp4(FrameView.TCP_SYN);
        IpV4Packet ip = EthernetPacket.newPacket(tcp4, 0, tcp4.length).get(IpV4Packet.class);
        assertTrue(ip.getHeader().hasValidChecksum(false));
        assertTrue(ip.get(TcpPacket.class).hasValidChecksum(v4(CLIENT), v4(VIP), false));

        byte[] udp6 = FrameViewTest.udp6(new byte[0], 17);
        UdpPacket udp = EthernetPacket.newPacket(udp6, 0, udp6.length).get(UdpPacket.class);
        assertTrue(udp.hasValidChecksum(v6(CLIENT6), v6(VIP6), false));

        // pcap4j checksums the quoted packet as its model re-serialises it, which drops most of a long quote
        byte[] tooBig = IcmpErrorTest.packetTooBig(IcmpErrorTest.replyQuoted6(new byte[0], 17, 48));
        IcmpV6CommonPacket icmp6 = EthernetPacket.newPacket(tooBig, 0, tooBig.length).get(IcmpV6CommonPacket.class);
        assertTrue(icmp6.hasValidChecksum(v6(IcmpErrorTest.ROUTER6), v6(VIP6), false));

        byte[] needed = IcmpErrorTest.fragmentationNeeded();
        IpV4Packet icmp4 = EthernetPacket.newPacket(needed, 0, needed.length).get(IpV4Packet.class);
        assertTrue(icmp4.getHeader().hasValidChecksum(false));
        assertTrue(icmp4.get(IcmpV4CommonPacket.class).hasValidChecksum(false));
    }

    @Test
    void pcap4jReadsTheTunnelledFramesAsTheBoxTalkingToTheBackend() throws Exception {
        byte[] frame = concat(FrameViewTest.tcp4(FrameView.TCP_ACK), new byte[6]);
        assertNull(view.parse(buffer(frame), 0, frame.length));
        IpipEncap encap = new IpipEncap(BOX_MAC, IpipEncapTest.BOX, high(IpipEncapTest.BOX6),
                low(IpipEncapTest.BOX6), 1500);
        ByteBuffer out = ByteBuffer.allocate(200);
        assertNull(encap.encapsulate4(view, IpipEncapTest.BACKEND, IpipEncapTest.NEXT_HOP_MAC, out, 0));
        EthernetPacket tunnelled = EthernetPacket.newPacket(out.array(), 0, encap.written());
        IpV4Packet outer = tunnelled.get(IpV4Packet.class);
        assertTrue(outer.getHeader().hasValidChecksum(false));
        assertEquals(IpNumber.IPV4, outer.getHeader().getProtocol());
        assertEquals(v4(IpipEncapTest.BOX), outer.getHeader().getSrcAddr());
        assertEquals(v4(IpipEncapTest.BACKEND), outer.getHeader().getDstAddr());
        assertTrue(outer.getHeader().getDontFragmentFlag());
        assertArrayEquals(Arrays.copyOfRange(frame, 14, 54), outer.getPayload().getRawData());

        byte[] frame6 = FrameViewTest.udp6(new byte[0], 17);
        assertNull(view.parse(buffer(frame6), 0, frame6.length));
        assertNull(encap.encapsulate6(view, high(IpipEncapTest.BACKEND6), low(IpipEncapTest.BACKEND6),
                IpipEncapTest.NEXT_HOP_MAC, out, 0));
        IpV6Packet outer6 = EthernetPacket.newPacket(out.array(), 0, encap.written()).get(IpV6Packet.class);
        assertEquals(IpNumber.IPV6, outer6.getHeader().getNextHeader());
        assertEquals(v6(IpipEncapTest.BOX6), outer6.getHeader().getSrcAddr());
        assertEquals(v6(IpipEncapTest.BACKEND6), outer6.getHeader().getDstAddr());
        assertArrayEquals(Arrays.copyOfRange(frame6, 14, frame6.length), outer6.getPayload().getRawData());
    }
}
