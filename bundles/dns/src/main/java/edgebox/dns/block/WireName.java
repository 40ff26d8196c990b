package edgebox.dns.block;

/**
 * Host names as lower-case DNS wire bytes (length-prefixed labels, root byte last), written straight from rule text
 * into an arena, so a list of a million names costs bytes, not objects. Hash and comparison work on ranges of such
 * arrays: a rule's name in its list's arena, or a suffix of the query's canonical wire form.
 */
final class WireName {

    private WireName() {
    }

    /**
     * Appends the host name in {@code host[from, to)} (ASCII bytes) (a-z, 0-9, '-', '_' labels; case folded) to {@code out};
     * returns the new end, or -1 when it is not a host name. {@code out} must have room for {@code to - from + 2}
     * bytes.
     */
    static int encode(byte[] host, int from, int to, byte[] out, int at) {
        int n = to - from;
        if (n == 0 || n > 253 || host[from] == '.') {
            return -1;
        }
        int end = host[to - 1] == '.' ? to - 1 : to;
        int lenAt = at;
        int p = at + 1;
        int label = 0;
        for (int i = from; i < end; i++) {
            byte c = host[i];
            if (c == '.') {
                if (label == 0) {
                    return -1;
                }
                out[lenAt] = (byte) label;
                lenAt = p++;
                label = 0;
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return -1;
            }
            if (++label > 63) {
                return -1;
            }
            out[p++] = c;
        }
        if (label == 0) {
            return -1;
        }
        out[lenAt] = (byte) label;
        out[p++] = 0;
        return p;
    }

    static int hash(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        h *= 0x9E3779B9;
        return h ^ (h >>> 15);
    }

    static boolean equal(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        return java.util.Arrays.equals(a, aFrom, aTo, b, bFrom, bTo);
    }

    /** The dotted text of the wire name at {@code from}, for messages. */
    static String text(byte[] b, int from) {
        StringBuilder s = new StringBuilder();
        for (int i = from; b[i] != 0; i += b[i] + 1) {
            s.append(new String(b, i + 1, b[i], java.nio.charset.StandardCharsets.US_ASCII)).append('.');
        }
        return s.length() == 0 ? "." : s.substring(0, s.length() - 1);
    }
}
