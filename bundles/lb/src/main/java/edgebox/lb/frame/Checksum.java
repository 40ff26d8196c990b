package edgebox.lb.frame;

import java.nio.ByteBuffer;

/** The Internet checksum (RFC 1071) over a header in place. */
public final class Checksum {

    private Checksum() {
    }

    /** The value to store in the checksum field, computed with that field holding zero. */
    public static int of(ByteBuffer b, int offset, int length) {
        return of(b, offset, length, 0);
    }

    /** The same, started from {@code sum} (a pseudo-header's words). */
    public static int of(ByteBuffer b, int offset, int length, long sum) {
        int end = offset + (length & ~1);
        for (int i = offset; i < end; i += 2) {
            sum += Bytes.u16(b, i);
        }
        if ((length & 1) != 0) {
            sum += Bytes.u8(b, end) << 8;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) ~sum & 0xffff;
    }
}
