package edgebox.dns.cache;

import java.util.Arrays;

/**
 * Walks a DNS message in wire form and finds the offset of every resource record's TTL field, leaving out the OPT
 * pseudo-record (its TTL field holds EDNS flags). A cached answer patches these four-byte fields to age its TTLs
 * without parsing and re-encoding the records. Input is untrusted: every read is bounds-checked and a malformed
 * message yields null.
 */
public final class WireRecords {

    private static final int HEADER = 12;
    private static final int TYPE_OPT = 41;
    private static final int MAX_RECORDS = 4096;

    private WireRecords() {
    }

    /** TTL field offsets of all records but OPT, in wire order; null when the message is malformed. */
    public static int[] ttlOffsets(byte[] wire) {
        return ttlOffsets(wire, false);
    }

    /**
     * As {@link #ttlOffsets(byte[])}; with {@code partial}, a message that ends early (a truncated one) gives the
     * offsets of the records before the end instead of null.
     */
    static int[] ttlOffsets(byte[] wire, boolean partial) {
        if (wire.length < HEADER) {
            return null;
        }
        int questions = u16(wire, 4);
        int records = u16(wire, 6) + u16(wire, 8) + u16(wire, 10);
        if (questions > MAX_RECORDS) {
            return null;
        }
        if (records > MAX_RECORDS) {
            if (!partial) {
                return null;
            }
            records = MAX_RECORDS;
        }
        int pos = HEADER;
        for (int i = 0; i < questions; i++) {
            pos = skipName(wire, pos);
            if (pos < 0 || pos + 4 > wire.length) {
                return null;
            }
            pos += 4;
        }
        int[] offsets = new int[records];
        int found = 0;
        for (int i = 0; i < records; i++) {
            pos = skipName(wire, pos);
            if (pos < 0 || pos + 10 > wire.length) {
                return partial ? Arrays.copyOf(offsets, found) : null;
            }
            int type = u16(wire, pos);
            int rdLength = u16(wire, pos + 8);
            if (type != TYPE_OPT) {
                offsets[found++] = pos + 4;
            }
            pos += 10 + rdLength;
            if (pos > wire.length) {
                return partial ? Arrays.copyOf(offsets, found) : null;
            }
        }
        return found == records ? offsets : Arrays.copyOf(offsets, found);
    }

    /** Where the OPT record starts (its owner name), or -1 when the message has none or is malformed. */
    public static int optStart(byte[] wire) {
        if (wire.length < HEADER || u16(wire, 4) > MAX_RECORDS) {
            return -1;
        }
        int pos = HEADER;
        for (int i = u16(wire, 4); i > 0 && pos >= 0; i--) {
            pos = skipName(wire, pos);
            pos = pos < 0 ? -1 : pos + 4;
        }
        int records = u16(wire, 6) + u16(wire, 8) + u16(wire, 10);
        for (int i = 0; i < records && pos >= 0 && pos < wire.length; i++) {
            int start = pos;
            pos = skipName(wire, pos);
            if (pos < 0 || pos + 10 > wire.length) {
                return -1;
            }
            if (u16(wire, pos) == TYPE_OPT) {
                return start;
            }
            pos += 10 + u16(wire, pos + 8);
        }
        return -1;
    }

    /** The position after a domain name starting at {@code pos}; -1 when it runs past the end or is malformed. */
    static int skipName(byte[] wire, int pos) {
        for (int labels = 0; labels < 128; labels++) {
            if (pos >= wire.length) {
                return -1;
            }
            int len = wire[pos] & 0xFF;
            if (len == 0) {
                return pos + 1;
            }
            if ((len & 0xC0) == 0xC0) {
                return pos + 2 <= wire.length ? pos + 2 : -1;
            }
            if ((len & 0xC0) != 0) {
                return -1;
            }
            pos += 1 + len;
        }
        return -1;
    }

    static int u16(byte[] wire, int pos) {
        return ((wire[pos] & 0xFF) << 8) | (wire[pos + 1] & 0xFF);
    }

    public static long u32(byte[] wire, int pos) {
        return ((long) (wire[pos] & 0xFF) << 24) | ((wire[pos + 1] & 0xFF) << 16) | ((wire[pos + 2] & 0xFF) << 8)
                | (wire[pos + 3] & 0xFF);
    }

    static void putU32(byte[] wire, int pos, long value) {
        wire[pos] = (byte) (value >>> 24);
        wire[pos + 1] = (byte) (value >>> 16);
        wire[pos + 2] = (byte) (value >>> 8);
        wire[pos + 3] = (byte) value;
    }
}
