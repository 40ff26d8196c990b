package edgebox.lb.io;

import java.nio.ByteBuffer;

/** IPv4/UDP test frames from 10.0.0.1 that carry a sequence number and a pattern derived from it. */
final class Frames {

    static final int HEADERS = 14 + 20 + 8;

    private Frames() {
    }

    /** A frame of {@code length} bytes (at least {@link #HEADERS} + 4) from {@code src} to {@code dst}. */
    static byte[] udp(long dstMac, long srcMac, int dstIpLastByte, int sequence, int length) {
        ByteBuffer frame = ByteBuffer.allocate(length);
        frame.putShort((short) (dstMac >>> 32)).putInt((int) dstMac);
        frame.putShort((short) (srcMac >>> 32)).putInt((int) srcMac);
        frame.putShort((short) 0x0800);
        frame.put((byte) 0x45).put((byte) 0).putShort((short) (length - 14)).putShort((short) sequence)
                .putShort((short) 0).put((byte) 64).put((byte) 17).putShort((short) 0);
        frame.put(new byte[] {10, 0, 0, 1}).put(new byte[] {10, 0, 0, (byte) dstIpLastByte});
        frame.putShort((short) 4000).putShort((short) 5000).putShort((short) (length - 34)).putShort((short) 0);
        frame.putInt(sequence);
        for (int i = frame.position(); i < length; i++) {
            frame.put((byte) (sequence + i));
        }
        return frame.array();
    }

    static int sequence(byte[] frame) {
        return ByteBuffer.wrap(frame).getInt(HEADERS);
    }
}
