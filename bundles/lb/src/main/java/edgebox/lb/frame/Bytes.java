package edgebox.lb.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Network-order reads and writes at absolute indexes, whatever byte order the buffer is set to. */
public final class Bytes {

    private Bytes() {
    }

    public static int u8(ByteBuffer b, int i) {
        return b.get(i) & 0xff;
    }

    public static int u16(ByteBuffer b, int i) {
        return (b.get(i) & 0xff) << 8 | b.get(i + 1) & 0xff;
    }

    public static int s32(ByteBuffer b, int i) {
        int v = b.getInt(i);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    public static long s64(ByteBuffer b, int i) {
        long v = b.getLong(i);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v);
    }

    public static void put16(ByteBuffer b, int i, int v) {
        b.put(i, (byte) (v >>> 8));
        b.put(i + 1, (byte) v);
    }

    public static void put32(ByteBuffer b, int i, int v) {
        b.putInt(i, b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v));
    }

    public static void put64(ByteBuffer b, int i, long v) {
        b.putLong(i, b.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v));
    }

    public static long mac(ByteBuffer b, int i) {
        return (long) u16(b, i) << 32 | s32(b, i + 2) & 0xffff_ffffL;
    }

    public static void putMac(ByteBuffer b, int i, long mac) {
        put16(b, i, (int) (mac >>> 32));
        put32(b, i + 2, (int) mac);
    }

    /** The sum of the 16-bit words of {@code length} (even) bytes at {@code offset}, for a pseudo-header. */
    public static long words(ByteBuffer b, int offset, int length) {
        long sum = 0;
        for (int i = offset; i < offset + length; i += 2) {
            sum += u16(b, i);
        }
        return sum;
    }
}
