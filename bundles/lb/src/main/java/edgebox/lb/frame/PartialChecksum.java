package edgebox.lb.frame;

import java.nio.ByteBuffer;

/**
 * Finishes the TCP or UDP checksum of a frame the kernel handed over with its checksum left to offload
 * (CHECKSUM_PARTIAL: a frame from a local sender, a veth or a virtio NIC), whose checksum field holds a partial
 * sum: the checksum is computed whole, pseudo-header included, before the frame leaves by a packet socket, which
 * offloads nothing. Ethernet with at most one 802.1Q tag, IPv4 or IPv6 without extension headers; other
 * frames are left as they are. Allocates nothing.
 */
public final class PartialChecksum {

    private static final int TCP_CHECKSUM = 16;
    private static final int UDP_CHECKSUM = 6;

    private PartialChecksum() {
    }

    /** Completes the checksum of the frame of {@code length} bytes at {@code offset}; false when it could not. */
    public static boolean complete(ByteBuffer b, int offset, int length) {
        int limit = offset + length;
        int l3 = offset + FrameView.ETHERNET_HEADER;
        if (limit < l3) {
            return false;
        }
        int type = Bytes.u16(b, offset + 12);
        if (type == FrameView.ETHER_VLAN && limit >= l3 + 4) {
            type = Bytes.u16(b, l3 + 2);
            l3 += 4;
        }
        int protocol;
        int l4;
        int end;
        long pseudo;
        if (type == FrameView.ETHER_IPV4 && limit >= l3 + 20) {
            protocol = Bytes.u8(b, l3 + 9);
            l4 = l3 + (Bytes.u8(b, l3) & 0x0f) * 4;
            end = l3 + Bytes.u16(b, l3 + 2);
            pseudo = Bytes.words(b, l3 + 12, 8);
        } else if (type == FrameView.ETHER_IPV6 && limit >= l3 + 40) {
            protocol = Bytes.u8(b, l3 + 6);
            l4 = l3 + 40;
            end = l4 + Bytes.u16(b, l3 + 4);
            pseudo = Bytes.words(b, l3 + 8, 32);
        } else {
            return false;
        }
        int field = protocol == FrameView.TCP ? TCP_CHECKSUM : protocol == FrameView.UDP ? UDP_CHECKSUM : -1;
        if (field < 0 || end > limit || l4 + field + 2 > end) {
            return false;
        }
        b.putShort(l4 + field, (short) 0);
        int value = Checksum.of(b, l4, end - l4, pseudo + protocol + (end - l4));
        b.putShort(l4 + field, (short) (protocol == FrameView.UDP && value == 0 ? 0xffff : value));
        return true;
    }
}
