package edgebox.lb.io.tpacket;

import java.io.IOException;
import java.util.Objects;

import edgebox.api.packet.PacketPath;
import edgebox.api.packet.PacketPort;
import edgebox.api.packet.PortOptions;

/**
 * Frames through AF_PACKET sockets with memory-mapped TPACKET_V3 rings in both directions, driven through the
 * foreign function API: no copy on receive, one system call per batch on send. Needs Linux 4.11 or later (transmit
 * rings of version 3) and libpcap.so.0.8 for filters; opening needs CAP_NET_RAW.
 */
public final class TpacketPath implements PacketPath {

    @Override
    public String name() {
        return "tpacket";
    }

    @Override
    public PacketPort open(String iface, String filter, PortOptions options) throws IOException {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(options, "options");
        return TpacketPort.open(iface, filter, options);
    }
}
