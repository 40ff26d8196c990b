package edgebox.lb.frame;

import static edgebox.lb.frame.Bytes.s32;
import static edgebox.lb.frame.Bytes.s64;
import static edgebox.lb.frame.Bytes.u16;
import static edgebox.lb.frame.Bytes.u8;

import java.nio.ByteBuffer;

/**
 * Reads one IPv4 or IPv6 header into a {@link FlowKey} and finds where the upper layer starts, walking IPv6
 * Hop-by-Hop, Routing, Fragment and Destination Options headers. Reused: every read overwrites the last.
 */
final class IpHeader {

    /** More extension headers than this in one packet is not traffic a VIP should see. */
    static final int MAX_EXTENSION_HEADERS = 8;

    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int DESTINATION_OPTIONS = 60;

    private int length;
    private int upperOffset;
    private int end;
    private boolean fragment;
    private boolean laterFragment;

    /** The packet's length as its header states it. */
    int length() {
        return length;
    }

    /** Absolute index of the upper-layer header (TCP, UDP, ICMP ...). */
    int upperOffset() {
        return upperOffset;
    }

    /** Absolute index after the last byte of the packet that is present. */
    int end() {
        return end;
    }

    boolean fragment() {
        return fragment;
    }

    /** A fragment other than the first: the upper-layer header, and so the ports, are elsewhere. */
    boolean laterFragment() {
        return laterFragment;
    }

    /**
     * Reads an IPv4 header at {@code start}; {@code limit} is the index after the last byte present. A packet
     * quoted in an ICMP error is cut short by design, so its stated length is not held against the limit.
     */
    DropReason readV4(ByteBuffer b, int start, int limit, boolean quoted, FlowKey key) {
        clear();
        if (limit - start < 20) {
            return DropReason.TRUNCATED;
        }
        int versionAndLength = u8(b, start);
        int headerLength = (versionAndLength & 0xf) * 4;
        length = u16(b, start + 2);
        if (versionAndLength >>> 4 != 4 || headerLength < 20 || length < headerLength) {
            return DropReason.BAD_IP_HEADER;
        }
        if (limit - start < (quoted ? headerLength : length)) {
            return DropReason.TRUNCATED;
        }
        end = Math.min(start + length, limit);
        int fragmentField = u16(b, start + 6);
        laterFragment = (fragmentField & 0x1fff) != 0;
        fragment = laterFragment || (fragmentField & 0x2000) != 0;
        upperOffset = start + headerLength;
        key.setV4(u8(b, start + 9), s32(b, start + 12), s32(b, start + 16));
        return null;
    }

    /** Reads an IPv6 header at {@code start} and its extension headers; see {@link #readV4} for the arguments. */
    DropReason readV6(ByteBuffer b, int start, int limit, boolean quoted, FlowKey key) {
        clear();
        if (limit - start < 40) {
            return DropReason.TRUNCATED;
        }
        if (u8(b, start) >>> 4 != 6) {
            return DropReason.BAD_IP_HEADER;
        }
        length = 40 + u16(b, start + 4);
        if (!quoted && limit - start < length) {
            return DropReason.TRUNCATED;
        }
        end = Math.min(start + length, limit);
        int next = u8(b, start + 6);
        int at = start + 40;
        for (int count = 0; isExtension(next) && !laterFragment; count++) {
            if (count == MAX_EXTENSION_HEADERS) {
                return DropReason.TOO_MANY_EXTENSION_HEADERS;
            }
            if (end - at < 8) {
                return DropReason.TRUNCATED;
            }
            int size = 8;
            if (next == FRAGMENT) {
                fragment = true;
                laterFragment = (u16(b, at + 2) & 0xfff8) != 0;
            } else {
                size = (u8(b, at + 1) + 1) * 8;
                if (end - at < size) {
                    return DropReason.TRUNCATED;
                }
            }
            next = u8(b, at);
            at += size;
        }
        upperOffset = at;
        key.setV6(next, s64(b, start + 8), s64(b, start + 16), s64(b, start + 24), s64(b, start + 32));
        return null;
    }

    void clear() {
        length = 0;
        upperOffset = 0;
        end = 0;
        fragment = false;
        laterFragment = false;
    }

    private static boolean isExtension(int next) {
        return next == HOP_BY_HOP || next == ROUTING || next == FRAGMENT || next == DESTINATION_OPTIONS;
    }
}
