package edgebox.lb.frame;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Writes test frames by hand, header by header, with correct checksums (computed here, independently of the
 * main code). Upper-layer builders leave the checksum zero; the IP builders fill it in with the pseudo-header.
 */
public final class TestFrames {

    public static final long CLIENT_MAC = 0x02_00_00_00_00_0aL;
    public static final long BOX_MAC = 0x02_00_00_00_00_01L;
    public static final long BACKEND_MAC = 0x02_00_00_00_00_b1L;
    public static final int ARP = 0x0806;
    public static final int HOP_BY_HOP = 0;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int DESTINATION_OPTIONS = 60;

    private TestFrames() {
    }

    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    public static byte[] ethernet(int vlan, int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + (vlan >= 0 ? 4 : 0));
        b.putShort((short) (CLIENT_MAC >>> 32)).putInt((int) CLIENT_MAC);
        b.putShort((short) (BOX_MAC >>> 32)).putInt((int) BOX_MAC);
        if (vlan >= 0) {
            b.putShort((short) 0x8100).putShort((short) (0x2000 | vlan));
        }
        b.putShort((short) etherType);
        return concat(b.array(), payload);
    }

    public static byte[] ethernet(int etherType, byte[] payload) {
        return ethernet(-1, etherType, payload);
    }

    /** An IPv4 packet; {@code fragmentField} holds the flags and the offset (DF 0x4000, MF 0x2000). */
    public static byte[] ipv4(int src, int dst, int protocol, byte[] options, int fragmentField, byte[] upper) {
        int headerLength = 20 + options.length;
        ByteBuffer h = ByteBuffer.allocate(headerLength);
        h.put((byte) (0x40 | headerLength / 4)).put((byte) 0x28).putShort((short) (headerLength + upper.length));
        h.putShort((short) 0x1234).putShort((short) fragmentField).put((byte) 61).put((byte) protocol).putShort((short) 0);
        h.putInt(src).putInt(dst).put(options);
        h.putShort(10, (short) checksum(h.array(), 0));
        byte[] body = upper.clone();
        if (fragmentField == 0 || fragmentField == 0x4000) {
            long pseudo = protocol == 1 ? 0 : sum(ByteBuffer.allocate(12).putInt(src).putInt(dst)
                    .putShort((short) protocol).putShort((short) body.length).array());
            fillChecksum(body, protocol, pseudo);
        }
        return concat(h.array(), body);
    }

    public static byte[] ipv4(int src, int dst, int protocol, byte[] upper) {
        return ipv4(src, dst, protocol, new byte[0], 0x4000, upper);
    }

    /**
     * An IPv6 packet: {@code extensions} sit between the fixed header and {@code upper}; {@code firstNext} is the
     * fixed header's next header and {@code protocol} the upper layer's, whose checksum is filled in.
     */
    public static byte[] ipv6(byte[] src, byte[] dst, int firstNext, byte[] extensions, int protocol, byte[] upper) {
        int payload = extensions.length + upper.length;
        ByteBuffer h = ByteBuffer.allocate(40);
        h.putInt(0x6_2a_12345).putShort((short) payload).put((byte) firstNext).put((byte) 57).put(src).put(dst);
        byte[] body = upper.clone();
        long pseudo = sum(ByteBuffer.allocate(40).put(src).put(dst).putInt(upper.length).putInt(protocol).array());
        fillChecksum(body, protocol, pseudo);
        return concat(h.array(), extensions, body);
    }

    public static byte[] ipv6(byte[] src, byte[] dst, int protocol, byte[] upper) {
        return ipv6(src, dst, protocol, new byte[0], protocol, upper);
    }

    /** A Hop-by-Hop or Destination Options header of {@code octets} (a multiple of 8) padded with PadN. */
    public static byte[] options(int next, int octets) {
        ByteBuffer b = ByteBuffer.allocate(octets);
        b.put((byte) next).put((byte) (octets / 8 - 1)).put((byte) 1).put((byte) (octets - 4));
        return b.array();
    }

    /** A Routing header of type 4 (segment routing) with no segments left and one segment. */
    public static byte[] routing(int next) {
        ByteBuffer b = ByteBuffer.allocate(24);
        b.put((byte) next).put((byte) 2).put((byte) 4).put((byte) 0).put((byte) 0).put((byte) 0).putShort((short) 0);
        b.put(v6("2001:db8::99"));
        return b.array();
    }

    /** A Fragment header; {@code offset} in 8-octet units. */
    public static byte[] fragment(int next, int offset, boolean more) {
        return ByteBuffer.allocate(8).put((byte) next).put((byte) 0)
                .putShort((short) (offset << 3 | (more ? 1 : 0))).putInt(0x0badcafe).array();
    }

    public static byte[] tcp(int srcPort, int dstPort, int flags, byte[] options, byte[] data) {
        int headerLength = 20 + options.length;
        ByteBuffer b = ByteBuffer.allocate(headerLength + data.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt(1000).putInt(flags == FrameView.TCP_SYN ? 0 : 2000);
        b.put((byte) (headerLength / 4 << 4)).put((byte) flags).putShort((short) 64240).putShort((short) 0)
                .putShort((short) 0);
        return b.put(options).put(data).array();
    }

    public static byte[] tcp(int srcPort, int dstPort, int flags) {
        return tcp(srcPort, dstPort, flags, new byte[0], new byte[0]);
    }

    public static byte[] udp(int srcPort, int dstPort, byte[] data) {
        return ByteBuffer.allocate(8 + data.length).putShort((short) srcPort).putShort((short) dstPort)
                .putShort((short) (8 + data.length)).putShort((short) 0).put(data).array();
    }

    /** An ICMP or ICMPv6 message; {@code rest} is the second word (the MTU of the errors this box reads). */
    public static byte[] icmp(int type, int code, int rest, byte[] data) {
        return ByteBuffer.allocate(8 + data.length).put((byte) type).put((byte) code).putShort((short) 0)
                .putInt(rest).put(data).array();
    }

    public static int v4(String address) {
        return ByteBuffer.wrap(address(address)).getInt();
    }

    public static byte[] v6(String address) {
        return address(address);
    }

    public static long high(String v6) {
        return ByteBuffer.wrap(v6(v6)).getLong(0);
    }

    public static long low(String v6) {
        return ByteBuffer.wrap(v6(v6)).getLong(8);
    }

    /** The Internet checksum of {@code data}, as a sum of big-endian words folded at the end. */
    public static int checksum(byte[] data, long initial) {
        long total = initial + sum(data);
        while (total > 0xffff) {
            total = (total >> 16) + (total & 0xffff);
        }
        return (int) (0xffff & ~total);
    }

    public static ByteBuffer buffer(byte[] frame) {
        return ByteBuffer.wrap(frame);
    }

    private static long sum(byte[] data) {
        long total = 0;
        for (int i = 0; i < data.length; i += 2) {
            int high = data[i] & 0xff;
            int low = i + 1 < data.length ? data[i + 1] & 0xff : 0;
            total += high * 256 + low;
        }
        return total;
    }

    private static void fillChecksum(byte[] upper, int protocol, long pseudo) {
        int at = switch (protocol) {
            case 6 -> 16;
            case 17 -> 6;
            case 1, 58 -> 2;
            default -> -1;
        };
        if (at >= 0 && upper.length >= at + 2) {
            int value = checksum(upper, pseudo);
            upper[at] = (byte) (value >> 8);
            upper[at + 1] = (byte) value;
        }
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
