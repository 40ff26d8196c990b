package edgebox.l2.vrrp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A VRRPv3 advertisement (RFC 5798 section 5.1): version 3, type 1, the virtual router, the sender's priority, its
 * advertisement interval in centiseconds and the virtual addresses. The checksum covers the IPv4 or IPv6
 * pseudo-header, as the RFC asks for both families.
 */
public record Advert(int vrid, int priority, int intervalCentis, List<InetAddress> addresses) {

    public static final int PROTOCOL = 112;
    private static final int HEADER = 8;

    public Advert {
        addresses = List.copyOf(addresses);
    }

    /** The message, checksummed for the IP header that will carry it from {@code source} to {@code destination}. */
    public byte[] encode(InetAddress source, InetAddress destination) {
        int width = source instanceof Inet4Address ? 4 : 16;
        ByteBuffer b = ByteBuffer.allocate(HEADER + width * addresses.size());
        b.put((byte) 0x31).put((byte) vrid).put((byte) priority).put((byte) addresses.size());
        b.putShort((short) (intervalCentis & 0x0fff)).putShort((short) 0);
        for (InetAddress a : addresses) {
            b.put(a.getAddress());
        }
        byte[] out = b.array();
        int sum = checksum(out, source, destination);
        out[6] = (byte) (sum >> 8);
        out[7] = (byte) sum;
        return out;
    }

    /**
     * Reads a received message; throws IllegalArgumentException with the reason when it is not a valid VRRPv3
     * advertisement (version, type, length, checksum).
     */
    public static Advert decode(byte[] message, InetAddress source, InetAddress destination) {
        if (message.length < HEADER) {
            throw new IllegalArgumentException("shorter than a VRRP header: " + message.length + " bytes");
        }
        int version = (message[0] & 0xff) >> 4;
        int type = message[0] & 0x0f;
        if (version != 3 || type != 1) {
            throw new IllegalArgumentException("not a VRRPv3 advertisement: version " + version + ", type " + type);
        }
        int width = source instanceof Inet4Address ? 4 : 16;
        int count = message[3] & 0xff;
        int length = HEADER + width * count;
        if (message.length < length) {
            throw new IllegalArgumentException(count + " addresses announced, " + message.length + " bytes read");
        }
        byte[] exact = message.length == length ? message : java.util.Arrays.copyOf(message, length);
        if (checksum(exact, source, destination) != 0) {
            throw new IllegalArgumentException("bad checksum");
        }
        int interval = ((exact[4] & 0x0f) << 8) | (exact[5] & 0xff);
        List<InetAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] a = java.util.Arrays.copyOfRange(exact, HEADER + i * width, HEADER + (i + 1) * width);
            try {
                addresses.add(InetAddress.getByAddress(a));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("address " + i + ": " + e.getMessage());
            }
        }
        return new Advert(exact[1] & 0xff, exact[2] & 0xff, interval, addresses);
    }

    /** The Internet checksum of the pseudo-header and the message (0 when a received message is intact). */
    static int checksum(byte[] message, InetAddress source, InetAddress destination) {
        long sum = 0;
        byte[] src = source.getAddress();
        byte[] dst = destination.getAddress();
        sum += words(src) + words(dst);
        sum += message.length + PROTOCOL;
        sum += words(message);
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static long words(byte[] b) {
        long sum = 0;
        for (int i = 0; i < b.length; i += 2) {
            int hi = b[i] & 0xff;
            int lo = i + 1 < b.length ? b[i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        return sum;
    }
}
