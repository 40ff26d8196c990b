package edgebox.it;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Builds the Ethernet frame a router sends when a backend's DSR reply is too big for its next hop: an ICMPv4
 * "destination unreachable, fragmentation needed" (type 3, code 4) from the router to the VIP, quoting the reply's
 * IPv4 header (VIP:port to client:port, TCP) and the first 8 bytes of its TCP header.
 */
final class FragNeededFrame {

    private static final int ETHERNET = 14;
    private static final int IPV4 = 20;
    private static final int ICMP_HEADER = 8;
    private static final int QUOTED = IPV4 + 8;

    private FragNeededFrame() {
    }

    /** The frame's bytes, destination MAC first; MACs as {@code aa:bb:cc:dd:ee:ff}. */
    static byte[] build(String toMac, String fromMac, InetAddress router, InetAddress vip, int vipPort,
            InetAddress client, int clientPort, int nextHopMtu) {
        ByteBuffer b = ByteBuffer.allocate(ETHERNET + IPV4 + ICMP_HEADER + QUOTED);
        b.put(mac(toMac)).put(mac(fromMac)).putShort((short) 0x0800);
        ipv4(b, IPV4 + ICMP_HEADER + QUOTED, 1, router, vip);
        int icmp = b.position();
        b.put((byte) 3).put((byte) 4).putShort((short) 0).putShort((short) 0).putShort((short) nextHopMtu);
        ipv4(b, 1500, 6, vip, client);
        b.putShort((short) vipPort).putShort((short) clientPort).putInt(0x1000_0001);
        b.putShort(icmp + 2, checksum(b.array(), icmp, ICMP_HEADER + QUOTED));
        return b.array();
    }

    /** An IPv4 header without options, its checksum filled in. */
    private static void ipv4(ByteBuffer b, int totalLength, int protocol, InetAddress from, InetAddress to) {
        int start = b.position();
        b.put((byte) 0x45).put((byte) 0).putShort((short) totalLength).putShort((short) 0).putShort((short) 0x4000)
                .put((byte) 64).put((byte) protocol).putShort((short) 0).put(v4(from)).put(v4(to));
        b.putShort(start + 10, checksum(b.array(), start, IPV4));
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes from {@code offset}. */
    static short checksum(byte[] data, int offset, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((data[offset + i] & 0xff) << 8) | (data[offset + i + 1] & 0xff);
        }
        if ((length & 1) == 1) {
            sum += (data[offset + length - 1] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }

    private static byte[] v4(InetAddress a) {
        if (!(a instanceof Inet4Address)) {
            throw new IllegalArgumentException(a + " is not an IPv4 address");
        }
        return a.getAddress();
    }

    private static byte[] mac(String text) {
        return HexFormat.ofDelimiter(":").parseHex(text);
    }
}
