package edgebox.acme.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's duration syntax as cert-manager writes it: {@code 2160h}, {@code 1h30m}, {@code 720h0m0s}, {@code 90s}. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s)");

    private Durations() {
    }

    static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        Matcher m = PART.matcher(text);
        int at = 0;
        double millis = 0;
        while (m.find() && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            millis += n * switch (m.group(2)) {
                case "h" -> 3_600_000;
                case "m" -> 60_000;
                case "s" -> 1000;
                default -> 1;
            };
            at = m.end();
        }
        if (at != text.length()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration such as 2160h or 1h30m");
        }
        return Duration.ofMillis((long) millis);
    }
}
