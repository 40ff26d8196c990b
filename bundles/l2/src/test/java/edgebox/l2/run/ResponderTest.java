package edgebox.l2.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.IcmpV6NeighborAdvertisementPacket;
import org.pcap4j.util.MacAddress;

import edgebox.l2.wire.Inbound;

class ResponderTest {

    static final MacAddress ASKER = MacAddress.getByName("02:00:00:00:00:0a");

    final FakePort port = new FakePort();
    final Responder responder = new Responder(Map.of("seg0", port), Observer.NONE);

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void answersOnlyForOwnedAddressesOnTheInterfaceTheyAreOwnedOn() throws Exception {
        responder.owned(Map.of("seg0", Set.of(ip("10.99.0.100"), ip("fd99::100"))));
        responder.answer("seg0", new Inbound.WhoHas(ASKER, ip("10.99.0.10"), ip("10.99.0.101")));
        responder.answer("seg1", new Inbound.WhoHas(ASKER, ip("10.99.0.10"), ip("10.99.0.100")));
        responder.answer("seg0", new Inbound.WhoHas(ASKER, ip("10.99.0.100"), ip("10.99.0.100")));
        assertEquals(0, port.sent.size(), "not ours, not this interface, a peer's gratuitous ARP: no answer");

        responder.answer("seg0", new Inbound.WhoHas(ASKER, ip("10.99.0.10"), ip("10.99.0.100")));
        ArpPacket.ArpHeader arp = port.sent.get(0).get(ArpPacket.class).getHeader();
        assertEquals(FakePort.MAC, arp.getSrcHardwareAddr());
        assertEquals(ip("10.99.0.100"), arp.getSrcProtocolAddr());
        assertEquals(ASKER, arp.getDstHardwareAddr());

        responder.answer("seg0", new Inbound.Solicitation(ASKER, (Inet6Address) ip("fd99::10"),
                (Inet6Address) ip("fd99::100")));
        IcmpV6NeighborAdvertisementPacket.IcmpV6NeighborAdvertisementHeader na =
                port.sent.get(1).get(IcmpV6NeighborAdvertisementPacket.class).getHeader();
        assertEquals(true, na.getSolicitedFlag());
        assertEquals(ASKER, port.sent.get(1).getHeader().getDstAddr());

        responder.owned(Map.of());
        responder.answer("seg0", new Inbound.WhoHas(ASKER, ip("10.99.0.10"), ip("10.99.0.100")));
        assertEquals(2, port.sent.size(), "a released VIP is not answered");
    }
}
