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
        new TreeMap<>(values).forEach((k, v) -> b.append(escape(k, true)).append(" = ").append(escape(v, false))
                .append('\n'));
        return b.toString();
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
