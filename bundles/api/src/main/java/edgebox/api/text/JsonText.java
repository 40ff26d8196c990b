package edgebox.api.text;

/**
 * JSON string literals (RFC 8259) for the lines the functions write by hand, such as the DNS query log and the
 * proxy's access log: appended to a StringBuilder, allocating nothing.
 */
public final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char LINE_SEPARATOR = 0x2028;
    private static final char PARAGRAPH_SEPARATOR = 0x2029;

    private JsonText() {
    }

    /**
     * Appends {@code text} as a JSON string, quotes included, and returns {@code out}. Escaped: {@code "} and
     * {@code \}, control characters ({@code \n}, {@code \t} and the like, the rest as <code>&#92;u00XX</code>),
     * U+2028 and U+2029 (line ends to JavaScript), and a lone surrogate, which is no character. Everything else goes
     * as it is, characters beyond the BMP (surrogate pairs) included. {@code null} appends the literal {@code null}.
     */
    public static StringBuilder appendQuoted(StringBuilder out, CharSequence text) {
        if (text == null) {
            return out.append("null");
        }
        out.append('"');
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append('\\').append('"');
                case '\\' -> out.append('\\').append('\\');
                case '\n' -> out.append('\\').append('n');
                case '\r' -> out.append('\\').append('r');
                case '\t' -> out.append('\\').append('t');
                case '\b' -> out.append('\\').append('b');
                case '\f' -> out.append('\\').append('f');
                default -> {
                    if (c < 0x20 || c == LINE_SEPARATOR || c == PARAGRAPH_SEPARATOR) {
                        unicode(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicode(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static void unicode(StringBuilder out, char c) {
        out.append('\\').append('u').append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                .append(HEX[c & 0xf]);
    }
}
