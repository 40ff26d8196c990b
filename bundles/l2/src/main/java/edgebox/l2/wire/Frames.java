package edgebox.l2.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV6CommonPacket;
import org.pcap4j.packet.IcmpV6NeighborAdvertisementPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc1349Tos;
import org.pcap4j.packet.IpV6NeighborDiscoveryTargetLinkLayerAddressOption;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.IpV6SimpleFlowLabel;
import org.pcap4j.packet.IpV6SimpleTrafficClass;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.ArpHardwareType;
import org.pcap4j.packet.namednumber.ArpOperation;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IcmpV6Code;
import org.pcap4j.packet.namednumber.IcmpV6Type;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;
import org.pcap4j.util.MacAddress;

import edgebox.l2.vrrp.Advert;

/** The frames the announcer sends, built with pcap4j's packet builders. */
public final class Frames {

    public static final MacAddress ZERO = MacAddress.getByAddress(new byte[6]);
    static final Inet4Address VRRP_V4 = (Inet4Address) literal("224.0.0.18");
    static final Inet6Address VRRP_V6 = (Inet6Address) literal("ff02::12");
    static final Inet6Address ALL_NODES = (Inet6Address) literal("ff02::1");
    private static final IpNumber VRRP = IpNumber.getInstance((byte) Advert.PROTOCOL);

    private Frames() {
    }

    /** The answer to a who-has for {@code vip} from {@code askerMac}/{@code askerIp}. */
    public static Packet arpReply(MacAddress own, InetAddress vip, MacAddress askerMac, InetAddress askerIp) {
        return ethernet(own, askerMac, EtherType.ARP, arp(ArpOperation.REPLY, own, vip, askerMac, askerIp));
    }

    /** A gratuitous ARP request: who-has VIP tell VIP, broadcast. */
    public static Packet garpRequest(MacAddress own, InetAddress vip) {
        return ethernet(own, MacAddress.ETHER_BROADCAST_ADDRESS, EtherType.ARP,
                arp(ArpOperation.REQUEST, own, vip, ZERO, vip));
    }

    /** A gratuitous ARP reply: VIP is-at MAC, broadcast. */
    public static Packet garpReply(MacAddress own, InetAddress vip) {
        return ethernet(own, MacAddress.ETHER_BROADCAST_ADDRESS, EtherType.ARP,
                arp(ArpOperation.REPLY, own, vip, MacAddress.ETHER_BROADCAST_ADDRESS, vip));
    }

    /**
     * A Neighbor Advertisement for {@code vip} with our link-layer address and the override flag: solicited to the
     * asker, or unsolicited to all nodes ({@code to} null) on takeover.
     */
    public static Packet neighborAdvert(MacAddress own, Inet6Address vip, Inet6Address to, MacAddress toMac) {
        Inet6Address dst = to == null ? ALL_NODES : to;
        MacAddress dstMac = to == null ? multicast(ALL_NODES) : toMac;
        IcmpV6NeighborAdvertisementPacket.Builder na = new IcmpV6NeighborAdvertisementPacket.Builder()
                .routerFlag(false).solicitedFlag(to != null).overrideFlag(true).targetAddress(vip)
                .options(List.of(new IpV6NeighborDiscoveryTargetLinkLayerAddressOption.Builder()
                        .linkLayerAddress(own.getAddress()).correctLengthAtBuild(true).build()));
        IcmpV6CommonPacket.Builder icmp = new IcmpV6CommonPacket.Builder().type(IcmpV6Type.NEIGHBOR_ADVERTISEMENT)
                .code(IcmpV6Code.NO_CODE).srcAddr(vip).dstAddr(dst).payloadBuilder(na).correctChecksumAtBuild(true);
        return ethernet(own, dstMac, EtherType.IPV6, ipv6(vip, dst, IpNumber.ICMPV6, icmp));
    }

    /** A VRRP advertisement from {@code source} (IPv4 primary or IPv6 link-local) to the VRRP group. */
    public static Packet vrrp(MacAddress own, InetAddress source, Advert advert) {
        if (source instanceof Inet4Address v4) {
            byte[] body = advert.encode(v4, VRRP_V4);
            IpV4Packet.Builder ip = new IpV4Packet.Builder().version(IpVersion.IPV4)
                    .tos(IpV4Rfc1349Tos.newInstance((byte) 0xc0)).ttl((byte) 255).protocol(VRRP).srcAddr(v4)
                    .dstAddr(VRRP_V4).payloadBuilder(new UnknownPacket.Builder().rawData(body))
                    .correctChecksumAtBuild(true).correctLengthAtBuild(true);
            return ethernet(own, multicast(VRRP_V4), EtherType.IPV4, ip);
        }
        Inet6Address v6 = (Inet6Address) source;
        byte[] body = advert.encode(v6, VRRP_V6);
        return ethernet(own, multicast(VRRP_V6), EtherType.IPV6,
                ipv6(v6, VRRP_V6, VRRP, new UnknownPacket.Builder().rawData(body)));
    }

    /** The Ethernet group address of an IPv4 or IPv6 multicast address. */
    static MacAddress multicast(InetAddress group) {
        byte[] a = group.getAddress();
        if (group instanceof Inet4Address) {
            return MacAddress.getByAddress(new byte[] {0x01, 0x00, 0x5e, (byte) (a[1] & 0x7f), a[2], a[3]});
        }
        return MacAddress.getByAddress(new byte[] {0x33, 0x33, a[12], a[13], a[14], a[15]});
    }

    private static ArpPacket.Builder arp(ArpOperation op, MacAddress srcMac, InetAddress srcIp, MacAddress dstMac,
            InetAddress dstIp) {
        return new ArpPacket.Builder().hardwareType(ArpHardwareType.ETHERNET).protocolType(EtherType.IPV4)
                .hardwareAddrLength((byte) MacAddress.SIZE_IN_BYTES).protocolAddrLength((byte) 4).operation(op)
                .srcHardwareAddr(srcMac).srcProtocolAddr(srcIp).dstHardwareAddr(dstMac).dstProtocolAddr(dstIp);
    }

    private static IpV6Packet.Builder ipv6(Inet6Address src, Inet6Address dst, IpNumber next, Packet.Builder payload) {
        return new IpV6Packet.Builder().version(IpVersion.IPV6)
                .trafficClass(IpV6SimpleTrafficClass.newInstance((byte) 0))
                .flowLabel(IpV6SimpleFlowLabel.newInstance(0)).nextHeader(next).hopLimit((byte) 255).srcAddr(src)
                .dstAddr(dst).payloadBuilder(payload).correctLengthAtBuild(true);
    }

    private static Packet ethernet(MacAddress src, MacAddress dst, EtherType type, Packet.Builder payload) {
        return new EthernetPacket.Builder().srcAddr(src).dstAddr(dst).type(type).payloadBuilder(payload)
                .paddingAtBuild(true).build();
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
