package edgebox.dns.memo;

import io.netty.buffer.ByteBuf;

/**
 * What the fast path reads of a plain query, straight from the wire: one uncompressed question of class IN, no answer
 * or authority records, and at most one OPT record (version 0, no options but cookies and padding) ending the
 * message. Anything else is left to the responder, which knows every rule; {@link #read} then returns null.
 */
record WireQuestion(int id, int flags, int nameEnd, int type, boolean edns, int payload, boolean dnssecOk) {

    static final int HEADER = 12;
    private static final int CLASS_IN = 1;
    private static final int TYPE_OPT = 41;
    private static final int OPTION_COOKIE = 10;
    private static final int OPTION_PADDING = 12;
    private static final int MAX_NAME = 255;
    private static final int QR_OPCODE_TC = 0xFA00;
    private static final int DO_BIT = 0x8000;

    /** The question of {@code query} (readable bytes from its reader index), or null when the query is not plain. */
    static WireQuestion read(ByteBuf query) {
        int base = query.readerIndex();
        int length = query.readableBytes();
        if (length < HEADER + 5) {
            return null;
        }
        int flags = query.getUnsignedShort(base + 2);
        if ((flags & QR_OPCODE_TC) != 0 || query.getUnsignedShort(base + 4) != 1 || query.getInt(base + 6) != 0) {
            return null;
        }
        int additional = query.getUnsignedShort(base + 10);
        if (additional > 1) {
            return null;
        }
        int pos = HEADER;
        for (int label = query.getUnsignedByte(base + pos); label != 0; label = query.getUnsignedByte(base + pos)) {
            if (label > 63) {
                return null;
            }
            pos += label + 1;
            if (pos >= MAX_NAME + HEADER || pos + 5 > length) {
                return null;
            }
        }
        int nameEnd = pos + 1;
        if (nameEnd + 4 > length || query.getUnsignedShort(base + nameEnd + 2) != CLASS_IN) {
            return null;
        }
        int type = query.getUnsignedShort(base + nameEnd);
        int end = nameEnd + 4;
        int id = query.getUnsignedShort(base);
        if (additional == 0) {
            return end == length ? new WireQuestion(id, flags, nameEnd, type, false, 0, false) : null;
        }
        if (end + 11 > length || query.getByte(base + end) != 0 || query.getUnsignedShort(base + end + 1) != TYPE_OPT
                || query.getByte(base + end + 6) != 0) {
            return null;
        }
        int payload = query.getUnsignedShort(base + end + 3);
        boolean dnssecOk = (query.getUnsignedShort(base + end + 7) & DO_BIT) != 0;
        int options = query.getUnsignedShort(base + end + 9);
        int at = end + 11;
        if (at + options != length || !onlyHarmlessOptions(query, base + at, options)) {
            return null;
        }
        return new WireQuestion(id, flags, nameEnd, type, true, payload, dnssecOk);
    }

    /** True when the option area holds only cookies and padding, each whole. */
    private static boolean onlyHarmlessOptions(ByteBuf query, int at, int length) {
        int end = at + length;
        while (at < end) {
            if (at + 4 > end) {
                return false;
            }
            int code = query.getUnsignedShort(at);
            at += 4 + query.getUnsignedShort(at + 2);
            if (code != OPTION_COOKIE && code != OPTION_PADDING) {
                return false;
            }
        }
        return at == end;
    }
}
