package edgebox.lb.io;

import java.util.List;

import edgebox.api.packet.PacketPath;
import edgebox.lb.io.pcap.PcapPath;
import edgebox.lb.io.tpacket.TpacketPath;

/**
 * The packet paths the load balancer ships, by the name operators choose them with. {@code tpacket} is the default:
 * a TPACKET_V3 ring hands frames over in blocks without a copy or a native call per frame, where libpcap through
 * pcap4j pays a JNA callback and a copy per frame (docs/benchmarks.md has both side by side).
 */
public final class PacketPaths {

    public static final List<String> NAMES = List.of("tpacket", "pcap");

    private PacketPaths() {
    }

    public static PacketPath named(String name) {
        return switch (name) {
            case "tpacket" -> new TpacketPath();
            case "pcap" -> new PcapPath();
            default -> throw new IllegalArgumentException("packetPath: \"" + name + "\" is not one of " + NAMES);
        };
    }
}
