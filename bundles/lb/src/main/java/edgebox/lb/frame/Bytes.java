package edgebox.lb.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Network-order reads and writes at absolute indexes, whatever byte order the buffer is set to. */
final class Bytes {

    private Bytes() {
    }

    static int u8(ByteBuffer b, int i) {
        return b.get(i) & 0xff;
    }

    static int u16(ByteBuffer b, int i) {
        return (b.get(i) & 0xff) << 8 | b.get(i + 1) & 0xff;
    }

    static int s32(ByteBuffer b, int i) {
        int v = b.getInt(i);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    static long s64(ByteBuffer b, int i) {
        long v = b.getLong(i);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v);
    }

    static void put16(ByteBuffer b, int i, int v) {
        b.put(i, (byte) (v >>> 8));
        b.put(i + 1, (byte) v);
    }

    static void put32(ByteBuffer b, int i, int v) {
        b.putInt(i, b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v));
    }

    static void put64(ByteBuffer b, int i, long v) {
        b.putLong(i, b.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v));
    }
}
