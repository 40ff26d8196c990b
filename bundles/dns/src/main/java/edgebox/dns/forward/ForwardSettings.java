package edgebox.dns.forward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

import edgebox.dns.cache.CachePolicy;

/**
 * The forwarder's settings (PID {@code edgebox.dns.forward}), validated once by {@link #from(Map)}: default
 * upstreams, per-domain upstreams (the longest matching suffix wins), the per-upstream timeout, the cache's TTL
 * limits and size, prefetch, serve-stale (RFC 8767: how long expired answers are kept, the TTL they are served with,
 * and how long a client waits for upstreams before getting one), and an optional PEM file of trust anchors for DoT
 * (empty: the JDK's).
 */
public record ForwardSettings(List<Upstream> upstreams, Map<Name, List<Upstream>> domainUpstreams, int timeoutMillis,
        int minTtl, int maxTtl, int negativeTtlMax, int cacheSize, boolean prefetch, boolean serveStale, int staleTtl,
        int staleAnswerTtl, int clientTimeoutMillis, String tlsTrust) {

    public ForwardSettings {
        upstreams = List.copyOf(upstreams);
        domainUpstreams = Map.copyOf(domainUpstreams);
    }

    /** The settings with every default and no upstreams. */
    public static ForwardSettings defaults() {
        return from(Map.of());
    }

    /**
     * Reads and checks Config Admin properties; absent keys take their defaults. Throws IllegalArgumentException
     * "field: reason" for the first bad value.
     */
    public static ForwardSettings from(Map<String, ?> props) {
        List<Upstream> upstreams = new ArrayList<>();
        List<String> texts = strings(props, "upstreams");
        for (int i = 0; i < texts.size(); i++) {
            String field = "upstreams[" + i + "]";
            if (SystemResolvers.KEYWORD.equals(texts.get(i).trim())) {
                upstreams.addAll(SystemResolvers.read(field, SystemResolvers.RESOLV_CONF));
            } else {
                upstreams.add(Upstream.parse(field, texts.get(i)));
            }
        }
        Map<Name, List<Upstream>> domains = new LinkedHashMap<>();
        List<String> splits = strings(props, "domainUpstreams");
        for (int i = 0; i < splits.size(); i++) {
            String field = "domainUpstreams[" + i + "]";
            String entry = splits.get(i);
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException(field + ": '" + entry + "': expected domain=upstream[,upstream]");
            }
            Name domain;
            try {
                domain = Name.fromString(entry.substring(0, eq).strip(), Name.root).canonicalize();
            } catch (TextParseException e) {
                throw new IllegalArgumentException(field + ": '" + entry + "': bad domain: " + e.getMessage());
            }
            List<Upstream> list = domains.computeIfAbsent(domain, d -> new ArrayList<>());
            for (String up : entry.substring(eq + 1).split("[,\\s]+")) {
                if (!up.isBlank()) {
                    list.add(Upstream.parse(field, up));
                }
            }
        }
        domains.replaceAll((d, l) -> List.copyOf(l));
        int minTtl = integer(props, "minTtl", 0, 0, 86_400);
        int maxTtl = integer(props, "maxTtl", 86_400, 1, 7 * 86_400);
        if (maxTtl < minTtl) {
            throw new IllegalArgumentException("maxTtl: " + maxTtl + " is below minTtl " + minTtl);
        }
        return new ForwardSettings(upstreams, domains,
                integer(props, "timeoutMillis", 1500, 50, 30_000),
                minTtl, maxTtl,
                integer(props, "negativeTtlMax", 3600, 0, 86_400),
                integer(props, "cacheSize", 10_000, 1, 10_000_000),
                bool(props, "prefetch", true),
                bool(props, "serveStale", true),
                integer(props, "staleTtl", 86_400, 0, 7 * 86_400),
                integer(props, "staleAnswerTtl", 30, 1, 3600),
                integer(props, "clientTimeoutMillis", 1800, 10, 30_000),
                string(props, "tlsTrust", ""));
    }

    /** The cache's part of the settings. */
    public CachePolicy cachePolicy() {
        return new CachePolicy(minTtl, maxTtl, negativeTtlMax, cacheSize, serveStale ? staleTtl : 0);
    }

    /** True when some upstream speaks TLS. */
    public boolean anyTls() {
        return upstreams.stream().anyMatch(Upstream::tls)
                || domainUpstreams.values().stream().flatMap(List::stream).anyMatch(Upstream::tls);
    }

    private static List<String> strings(Map<String, ?> props, String key) {
        Object value = props.get(key);
        List<Object> raw = switch (value) {
            case null -> List.of();
            case String s -> List.of((Object[]) s.split(s.contains("=") ? "[;\\n]" : "[,;\\s]+"));
            case Object[] array -> Arrays.asList(array);
            case Collection<?> c -> List.copyOf(c);
            default -> throw new IllegalArgumentException(key + ": expected a list of strings, got "
                    + value.getClass().getSimpleName());
        };
        List<String> out = new ArrayList<>();
        for (Object o : raw) {
            if (o != null && !o.toString().isBlank()) {
                out.add(o.toString().strip());
            }
        }
        return out;
    }

    private static int integer(Map<String, ?> props, String key, int def, int min, int max) {
        Object value = props.get(key);
        long n;
        if (value == null) {
            return def;
        } else if (value instanceof Number number) {
            n = number.longValue();
        } else {
            try {
                n = Long.parseLong(value.toString().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": '" + value + "' is not a whole number");
            }
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + ": " + n + " is outside " + min + ".." + max);
        }
        return (int) n;
    }

    private static boolean bool(Map<String, ?> props, String key, boolean def) {
        Object value = props.get(key);
        if (value == null) {
            return def;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (value.toString().strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + ": '" + value + "' is not true or false");
        };
    }

    private static String string(Map<String, ?> props, String key, String def) {
        Object value = props.get(key);
        return value == null ? def : value.toString().strip();
    }
}
