package edgebox.api.packet;

import java.io.IOException;

/**
 * One way to exchange raw frames with the kernel's interfaces (libpcap, a TPACKET_V3 ring ...). Opening needs
 * CAP_NET_RAW.
 */
public interface PacketPath {

    /** A short name operators choose the path by, e.g. {@code pcap} or {@code tpacket}. */
    String name();

    /**
     * Opens {@code iface} for the frames it receives (never the ones it sends) that match {@code filter}, a libpcap
     * filter expression ({@code ""} takes every frame). Fails with a message naming the interface and the cause.
     */
    PacketPort open(String iface, String filter, PortOptions options) throws IOException;
}
