package edgebox.lb.io.tpacket;

import java.nio.ByteBuffer;

/**
 * Completes the TCP or UDP checksum of a received frame whose sender left it to the hardware (the kernel marks it
 * TP_STATUS_CSUMNOTREADY: from a veth, a tap or virtio peer with checksum offload, the field holds only the
 * pseudo-header's sum). Forwarded as it is, such a frame reaches the backend with a wrong checksum and is dropped
 * there; so the field is computed in place from the pseudo-header and the whole segment. IPv4 without fragments and
 * IPv6 whose first next header is TCP or UDP, behind Ethernet with at most one 802.1Q tag; anything else, or a
 * frame not captured whole, is left as it is. Allocates nothing.
 */
final class PartialChecksum {

    private static final int ETHER_VLAN = 0x8100;
    private static final int ETHER_IPV4 = 0x0800;
    private static final int ETHER_IPV6 = 0x86dd;
    private static final int TCP = 6;
    private static final int UDP = 17;

    private PartialChecksum() {
    }

    /** Completes the checksum of the frame at {@code offset}, {@code captured} bytes of it in {@code b}. */
    static void complete(ByteBuffer b, int offset, int captured) {
        int end = offset + captured;
        int l3 = offset + 14;
        if (end < l3) {
            return;
        }
        int type = u16(b, offset + 12);
        if (type == ETHER_VLAN && end >= l3 + 4) {
            type = u16(b, offset + 16);
            l3 += 4;
        }
        long sum;
        int protocol;
        int l4;
        int l4Length;
        if (type == ETHER_IPV4 && end >= l3 + 20) {
            int headerLength = (b.get(l3) & 0x0f) * 4;
            boolean fragment = (u16(b, l3 + 6) & 0x3fff) != 0;
            protocol = b.get(l3 + 9) & 0xff;
            l4 = l3 + headerLength;
            l4Length = u16(b, l3 + 2) - headerLength;
            if (fragment || headerLength < 20) {
                return;
            }
            sum = sum(b, l3 + 12, 8);
        } else if (type == ETHER_IPV6 && end >= l3 + 40) {
            protocol = b.get(l3 + 6) & 0xff;
            l4 = l3 + 40;
            l4Length = u16(b, l3 + 4);
            sum = sum(b, l3 + 8, 32);
        } else {
            return;
        }
        int field = protocol == TCP ? l4 + 16 : protocol == UDP ? l4 + 6 : -1;
        if (field < 0 || l4Length < (protocol == TCP ? 20 : 8) || l4 + l4Length > end) {
            return;
        }
        b.putShort(field, (short) 0);
        sum += protocol + l4Length + sum(b, l4, l4Length);
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int value = (int) ~sum & 0xffff;
        b.putShort(field, (short) (value == 0 && protocol == UDP ? 0xffff : value));
    }

    private static long sum(ByteBuffer b, int at, int length) {
        long sum = 0;
        int stop = at + (length & ~1);
        for (int i = at; i < stop; i += 2) {
            sum += u16(b, i);
        }
        if ((length & 1) != 0) {
            sum += (b.get(stop) & 0xff) << 8;
        }
        return sum;
    }

    private static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xffff;
    }
}
