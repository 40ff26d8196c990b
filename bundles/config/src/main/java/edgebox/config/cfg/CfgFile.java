package edgebox.config.cfg;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import edgebox.config.model.ConfigKey;

/**
 * A {@code .cfg} file: Java properties, named {@code PID.cfg} or {@code FACTORY~name.cfg}. Only text here: the
 * values become typed in {@link ValueConverter}.
 */
public final class CfgFile {

    public static final String SUFFIX = ".cfg";

    private CfgFile() {
    }

    /** The configuration a file name stands for, or {@code null} when the name is no configuration file name. */
    public static ConfigKey keyOf(String fileName) {
        if (!fileName.endsWith(SUFFIX) || fileName.startsWith(".")) {
            return null;
        }
        return ConfigKey.parse(fileName.substring(0, fileName.length() - SUFFIX.length()));
    }

    /** The file name of a configuration: {@code PID.cfg}, {@code FACTORY~name.cfg}. */
    public static String fileName(ConfigKey key) {
        return key + SUFFIX;
    }

    /** The properties of a file, sorted by name. */
    public static Map<String, String> parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a properties file: " + e.getMessage(), e);
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /** The text of a file holding these properties, one a line, sorted, readable back by {@link #parse}. */
    public static String render(String header, Map<String, String> values) {
        StringBuilder b = new StringBuilder();
        if (header != null && !header.isEmpty()) {
            b.append("# ").append(header.replace("\n", " ")).append('\n');
        }
        new TreeMap<>(values).forEach((k, v) -> b.append(line(k, v)));
        return b.toString();
    }

    /**
     * {@code text} with these properties set: a line that sets one of them is replaced in place, comments and every
     * other line stay as they are, and the properties the file did not have are added at its end, sorted.
     */
    public static String update(String text, Map<String, String> values) {
        Map<String, String> pending = new TreeMap<>(values);
        StringBuilder out = new StringBuilder();
        StringBuilder logical = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            logical.append(line).append('\n');
            if (continues(line)) {
                continue;
            }
            String key = keyOfLine(logical.toString());
            if (key == null || !values.containsKey(key)) {
                out.append(logical);
            } else if (pending.containsKey(key)) {
                out.append(line(key, pending.remove(key)));
            }
            logical.setLength(0);
        }
        out.append(logical);
        String kept = out.toString().replaceAll("\n+$", "\n");
        StringBuilder b = new StringBuilder(kept.equals("\n") ? "" : kept);
        pending.forEach((k, v) -> b.append(line(k, v)));
        return b.toString();
    }

    private static String line(String key, String value) {
        return escape(key, true) + " = " + escape(value, false) + "\n";
    }

    /** A line whose last character is an unescaped backslash goes on in the next one. */
    private static boolean continues(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static String keyOfLine(String logicalLine) {
        Map<String, String> one = parse(logicalLine);
        return one.size() == 1 ? one.keySet().iterator().next() : null;
    }

    private static String escape(String s, boolean key) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\f' -> b.append("\\f");
                case '=', ':', '#', '!' -> b.append(key || i == 0 ? "\\" + c : String.valueOf(c));
                case ' ' -> b.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
