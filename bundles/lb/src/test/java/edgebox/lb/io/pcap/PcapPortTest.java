package edgebox.lb.io.pcap;

import edgebox.api.packet.PacketPath;
import edgebox.lb.io.PacketPortContract;

/** The pcap path keeps the packet port contract. */
class PcapPortTest extends PacketPortContract {

    @Override
    protected PacketPath path() {
        return new PcapPath();
    }
}
