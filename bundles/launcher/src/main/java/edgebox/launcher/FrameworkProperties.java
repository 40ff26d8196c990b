package edgebox.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The framework properties: the launcher's defaults for a home, overlaid by {@code etc/edgebox.properties}, with
 * {@code ${name}} replaced by another property of the set or a system property.
 */
final class FrameworkProperties {

    static final String HOME = "edgebox.home";
    static final String INTERACTIVE = "edgebox.console.interactive";
    static final String READY_TIMEOUT = "edgebox.ready.timeout";
    static final String START_THREADS = "edgebox.start.threads";
    static final String CACHE_CLEAN = "edgebox.cache.clean";
    static final String NETTY_WORKDIR = "io.netty.native.workdir";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
    private static final int MAX_DEPTH = 8;

    private FrameworkProperties() {
    }

    /** What the launcher sets for every home; {@code etc/edgebox.properties} may override each. */
    static Map<String, String> defaults(Path home, boolean interactive) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(HOME, home.toString());
        p.put(INTERACTIVE, Boolean.toString(interactive));
        p.put("org.osgi.framework.storage", "${edgebox.home}/data/cache");
        p.put("felix.cm.dir", "${edgebox.home}/data/config");
        p.put("felix.fileinstall.dir", "${edgebox.home}/deploy");
        p.put("felix.fileinstall.poll", "500");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.bundles.new.start", "true");
        p.put("felix.fileinstall.log.level", "2");
        p.put("org.osgi.framework.system.packages.extra", "sun.misc");
        p.put("felix.log.level", "1");
        p.put(NETTY_WORKDIR, "${edgebox.home}/data/tmp");
        p.put(READY_TIMEOUT, "60000");
        p.put(CACHE_CLEAN, "onchange");
        return p;
    }

    /** Reads a properties file (ISO-8859-1 escapes as {@link Properties} reads them) in file order. */
    static Map<String, String> read(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : props.stringPropertyNames()) {
            map.put(name, props.getProperty(name));
        }
        return map;
    }

    /**
     * Replaces every {@code ${name}} by the value of {@code name} in {@code props}, else by {@code fallback}
     * (system properties); an unknown name or a cycle is an error naming the property, the variable and the source.
     */
    static Map<String, String> substitute(String source, Map<String, String> props, Function<String, String> fallback) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : props.entrySet()) {
            out.put(e.getKey(), expand(source, e.getKey(), e.getValue(), props, fallback, 0));
        }
        return out;
    }

    private static String expand(String source, String name, String value, Map<String, String> props,
                                 Function<String, String> fallback, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(source + ": property " + name
                    + ": variables nest deeper than " + MAX_DEPTH + " (a cycle?)");
        }
        Matcher m = VARIABLE.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String replacement = props.containsKey(variable) ? props.get(variable) : fallback.apply(variable);
            if (replacement == null) {
                throw new IllegalArgumentException(source + ": property " + name + ": unknown variable ${"
                        + variable + "}");
            }
            replacement = expand(source, name, replacement, props, fallback, depth + 1);
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static long longValue(Map<String, String> props, String name) {
        String value = props.get(name);
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("framework property " + name + ": '" + value + "' is not a number");
        }
    }
}
