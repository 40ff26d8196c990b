package edgebox.l2.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.Packet;
import org.pcap4j.util.MacAddress;

import edgebox.l2.wire.Port;

/** A port that keeps what is sent, parsed back. */
final class FakePort implements Port {

    static final MacAddress MAC = MacAddress.getByName("02:00:00:00:00:01");
    final List<EthernetPacket> sent = new CopyOnWriteArrayList<>();

    @Override
    public MacAddress mac() {
        return MAC;
    }

    @Override
    public boolean send(Packet frame) {
        byte[] raw = frame.getRawData();
        try {
            sent.add(EthernetPacket.newPacket(raw, 0, raw.length));
        } catch (org.pcap4j.packet.IllegalRawDataException e) {
            throw new AssertionError(e);
        }
        return true;
    }

    @Override
    public void close() {
    }
}
