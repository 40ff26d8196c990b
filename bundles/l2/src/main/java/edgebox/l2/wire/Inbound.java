package edgebox.l2.wire;

import java.net.Inet6Address;
import java.net.InetAddress;

import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV6CommonPacket;
import org.pcap4j.packet.IcmpV6NeighborSolicitationPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6NeighborDiscoverySourceLinkLayerAddressOption;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.factory.PacketFactories;
import org.pcap4j.packet.namednumber.ArpOperation;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.util.MacAddress;

import edgebox.l2.vrrp.Advert;

/** What the announcer reads off the wire: a who-has, a Neighbor Solicitation or a VRRP advertisement. */
public sealed interface Inbound {

    record WhoHas(MacAddress askerMac, InetAddress askerIp, InetAddress target) implements Inbound {
    }

    /** {@code askerIp} is {@code ::} for duplicate address detection. */
    record Solicitation(MacAddress askerMac, Inet6Address askerIp, Inet6Address target) implements Inbound {
    }

    /** A VRRP message; {@code problem} says why it is invalid (then {@code advert} is null). */
    record Vrrp(InetAddress from, Advert advert, String problem) implements Inbound {
    }

    /**
     * Parses one captured frame; null for anything else. pcap4j finds its packet factories with the thread's
     * context class loader, so the first parse must run with this bundle's loader in place ({@link #prepare}).
     */
    static Inbound parse(byte[] frame) {
        EthernetPacket eth;
        try {
            eth = EthernetPacket.newPacket(frame, 0, frame.length);
        } catch (Exception e) {
            return null;
        }
        EtherType type = eth.getHeader().getType();
        Packet payload = eth.getPayload();
        if (EtherType.ARP.equals(type) && payload instanceof ArpPacket arp) {
            ArpPacket.ArpHeader h = arp.getHeader();
            if (!ArpOperation.REQUEST.equals(h.getOperation())) {
                return null;
            }
            return new WhoHas(h.getSrcHardwareAddr(), h.getSrcProtocolAddr(), h.getDstProtocolAddr());
        }
        if (payload instanceof IpV4Packet ip && ip.getHeader().getProtocol().value() == Advert.PROTOCOL) {
            return vrrp(ip.getHeader().getSrcAddr(), ip.getHeader().getDstAddr(), ip.getHeader().getTtlAsInt(),
                    ip.getPayload());
        }
        if (payload instanceof IpV6Packet ip6) {
            IpV6Packet.IpV6Header h = ip6.getHeader();
            if (h.getNextHeader().value() == Advert.PROTOCOL) {
                return vrrp(h.getSrcAddr(), h.getDstAddr(), h.getHopLimitAsInt(), ip6.getPayload());
            }
            IcmpV6NeighborSolicitationPacket ns = ip6.get(IcmpV6NeighborSolicitationPacket.class);
            if (ns != null && h.getHopLimitAsInt() == 255 && ip6.get(IcmpV6CommonPacket.class) != null) {
                MacAddress asker = eth.getHeader().getSrcAddr();
                for (var option : ns.getHeader().getOptions()) {
                    if (option instanceof IpV6NeighborDiscoverySourceLinkLayerAddressOption sll) {
                        asker = sll.getLinkLayerAddressAsMacAddress();
                    }
                }
                return new Solicitation(asker, h.getSrcAddr(), ns.getHeader().getTargetAddress());
            }
        }
        return null;
    }

    private static Inbound vrrp(InetAddress src, InetAddress dst, int ttl, Packet body) {
        if (ttl != 255) {
            return new Vrrp(src, null, "TTL/hop limit " + ttl + ", not 255");
        }
        if (body == null) {
            return new Vrrp(src, null, "no VRRP message");
        }
        try {
            return new Vrrp(src, Advert.decode(body.getRawData(), src, dst), null);
        } catch (IllegalArgumentException e) {
            return new Vrrp(src, null, e.getMessage());
        }
    }

    /** Loads pcap4j's static packet factories with this bundle's class loader as the context loader. */
    static void prepare() {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(Inbound.class.getClassLoader());
        try {
            PacketFactories.getFactory(Packet.class, EtherType.class);
        } finally {
            t.setContextClassLoader(before);
        }
    }
}
