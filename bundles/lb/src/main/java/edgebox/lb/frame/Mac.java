package edgebox.lb.frame;

import java.nio.ByteBuffer;

/** A MAC address as the low 48 bits of a long, so the data path carries it without an array. */
public final class Mac {

    private Mac() {
    }

    /** Parses {@code 02:00:5e:10:00:01}; refuses anything else with a message naming the text. */
    public static long parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("MAC address '" + text + "': must be six hex octets joined by ':'");
        }
        long mac = 0;
        for (String part : parts) {
            if (part.length() != 2 || Character.digit(part.charAt(0), 16) < 0
                    || Character.digit(part.charAt(1), 16) < 0) {
                throw new IllegalArgumentException("MAC address '" + text + "': octet '" + part + "' is not two hex digits");
            }
            mac = mac << 8 | Integer.parseInt(part, 16);
        }
        return mac;
    }

    static void write(ByteBuffer b, int i, long mac) {
        Bytes.put16(b, i, (int) (mac >>> 32));
        Bytes.put32(b, i + 2, (int) mac);
    }

    static long read(ByteBuffer b, int i) {
        return (long) Bytes.u16(b, i) << 32 | Bytes.s32(b, i + 2) & 0xffff_ffffL;
    }
}
