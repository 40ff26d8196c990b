package edgebox.l2.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV6CommonPacket;
import org.pcap4j.packet.IcmpV6NeighborAdvertisementPacket;
import org.pcap4j.packet.namednumber.ArpOperation;
import org.pcap4j.util.MacAddress;

import edgebox.l2.vrrp.Advert;

class FramesTest {

    static final MacAddress OWN = MacAddress.getByName("02:00:00:00:00:01");
    static final MacAddress ASKER = MacAddress.getByName("02:00:00:00:00:02");

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void aWhoHasFromAPeerIsReadAndTheReplyNamesOurMac() throws Exception {
        byte[] request = Frames.garpRequest(ASKER, ip("10.99.0.10")).getRawData();
        // a gratuitous request asks for its own address; a real who-has asks for another one
        Inbound.WhoHas own = assertInstanceOf(Inbound.WhoHas.class, Inbound.parse(request));
        assertEquals(own.askerIp(), own.target());

        EthernetPacket reply = EthernetPacket.newPacket(Frames.arpReply(OWN, ip("10.99.0.100"), ASKER,
                ip("10.99.0.10")).getRawData(), 0, 60);
        ArpPacket.ArpHeader arp = reply.get(ArpPacket.class).getHeader();
        assertEquals(ArpOperation.REPLY, arp.getOperation());
        assertEquals(OWN, arp.getSrcHardwareAddr());
        assertEquals(ip("10.99.0.100"), arp.getSrcProtocolAddr());
        assertEquals(ASKER, reply.getHeader().getDstAddr());
        assertNull(Inbound.parse(reply.getRawData()), "replies are not questions");
    }

    @Test
    void aNeighborAdvertCarriesTheOverrideFlagAndOurLinkLayerAddress() throws Exception {
        Inet6Address vip = (Inet6Address) ip("fd99::100");
        EthernetPacket na = EthernetPacket.newPacket(Frames.neighborAdvert(OWN, vip, null, null).getRawData(), 0,
                Frames.neighborAdvert(OWN, vip, null, null).length());
        IcmpV6NeighborAdvertisementPacket.IcmpV6NeighborAdvertisementHeader h =
                na.get(IcmpV6NeighborAdvertisementPacket.class).getHeader();
        assertEquals(vip, h.getTargetAddress());
        assertEquals(true, h.getOverrideFlag());
        assertEquals(false, h.getSolicitedFlag());
        assertEquals(MacAddress.getByName("33:33:00:00:00:01"), na.getHeader().getDstAddr());
        assertEquals(true, na.get(IcmpV6CommonPacket.class).hasValidChecksum(vip, (Inet6Address) ip("ff02::1"),
                false));
    }

    @Test
    void vrrpFramesGoToTheGroupWithTtl255AndParseBack() throws Exception {
        Advert advert = new Advert(51, 150, 10, List.of(ip("10.99.0.100")));
        byte[] frame = Frames.vrrp(OWN, ip("10.99.0.1"), advert).getRawData();
        assertEquals(MacAddress.getByName("01:00:5e:00:00:12"),
                EthernetPacket.newPacket(frame, 0, frame.length).getHeader().getDstAddr());
        Inbound.Vrrp in = assertInstanceOf(Inbound.Vrrp.class, Inbound.parse(frame));
        assertEquals(advert, in.advert());
        assertEquals(ip("10.99.0.1"), in.from());

        byte[] v6 = Frames.vrrp(OWN, ip("fe80::1"), new Advert(51, 150, 10, List.of(ip("fd99::100"))))
                .getRawData();
        assertEquals(ip("fd99::100"), ((Inbound.Vrrp) Inbound.parse(v6)).advert().addresses().get(0));
    }
}
