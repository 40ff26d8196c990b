package edgebox.health.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4, enough for tests: every line is a HELP, a TYPE or a sample
 * {@code name{l="v",...} value}; samples belong to the family whose TYPE came last. Fails on anything else.
 */
final class PromText {

    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})? (\\S+)");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .*");

    /** Sample key ({@code name{labels}}) to value. */
    final Map<String, Double> samples = new LinkedHashMap<>();
    /** Family name to type. */
    final Map<String, String> types = new HashMap<>();

    static PromText parse(String text) {
        PromText out = new PromText();
        String family = null;
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher t = TYPE.matcher(line);
            if (t.matches()) {
                family = t.group(1);
                out.types.put(family, t.group(2));
                continue;
            }
            if (HELP.matcher(line).matches()) {
                continue;
            }
            Matcher s = SAMPLE.matcher(line);
            if (!s.matches()) {
                fail("not a Prometheus text line: " + line);
            }
            String name = s.group(1);
            if (family == null || !name.startsWith(family)) {
                fail("sample " + name + " outside its family (" + family + ")");
            }
            double value = switch (s.group(3)) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(s.group(3));
            };
            out.samples.put(name + (s.group(2) == null ? "" : s.group(2)), value);
        }
        return out;
    }

    double value(String key) {
        Double v = samples.get(key);
        assertTrue(v != null, () -> "no sample " + key + " in " + samples.keySet());
        return v;
    }
}
