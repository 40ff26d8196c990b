package edgebox.dns.block;

import java.util.Locale;

/** How a blocked name is answered: NXDOMAIN, or 0.0.0.0 and :: (NODATA for other types). */
public enum BlockMode {
    NXDOMAIN, ZERO;

    public static BlockMode parse(String object, String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(object + ": mode: \"" + text + "\": nxdomain or zero");
        }
    }
}
