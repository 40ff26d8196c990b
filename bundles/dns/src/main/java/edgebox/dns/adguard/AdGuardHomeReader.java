package edgebox.dns.adguard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import edgebox.dns.block.BlockListParser;
import edgebox.dns.block.BlockMode;
import edgebox.dns.block.FilterList;
import edgebox.dns.rewrite.RewriteRule;

/**
 * Reads AdGuard Home's own configuration (schema of 0.107) as it is: {@code filtering.rewrites} (or the older
 * {@code dns.rewrites}: domain, answer, enabled), {@code dns.upstream_dns}, {@code dns.fallback_dns},
 * {@code dns.bootstrap_dns}, {@code filtering.blocking_mode}, {@code filters} and {@code whitelist_filters} (enabled
 * ones; local paths are read, relative to the file's folder; URLs are skipped with a note, since the box does not
 * download lists) and {@code user_rules}. Everything else in the file (http, users, clients, dhcp...) is AdGuard
 * Home's own business and ignored. A file that is not such YAML, or a rewrite or upstream line that is wrong, is
 * refused with "file: field: reason"; a filter rule the box cannot honour is refused alone (see
 * {@link BlockListParser}).
 */
public final class AdGuardHomeReader {

    private AdGuardHomeReader() {
    }

    public static AdGuardSetup read(Path file) throws IOException {
        return read(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8),
                file.toAbsolutePath().getParent());
    }

    /** {@code dir} is where relative filter paths are looked for. */
    public static AdGuardSetup read(String object, String text, Path dir) throws IOException {
        Map<String, Object> root;
        try {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            root = map(object, "", doc == null ? Map.of() : doc);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(object + ": not YAML: " + e.getMessage(), e);
        }
        Map<String, Object> dns = map(object, "dns", root.getOrDefault("dns", Map.of()));
        Map<String, Object> filtering = map(object, "filtering", root.getOrDefault("filtering", Map.of()));
        List<String> notes = new ArrayList<>();
        BlockMode mode = mode(object, filtering.containsKey("blocking_mode") ? "filtering.blocking_mode"
                : "dns.blocking_mode", filtering.getOrDefault("blocking_mode", dns.get("blocking_mode")));
        String rewritesField = filtering.containsKey("rewrites") ? "filtering.rewrites" : "dns.rewrites";
        List<RewriteRule> rewrites = rewrites(object, rewritesField,
                filtering.containsKey("rewrites") ? filtering.get("rewrites") : dns.get("rewrites"));
        AdGuardUpstreams.Translated up = AdGuardUpstreams.translate(object,
                strings(object, "dns.upstream_dns", dns.get("upstream_dns")),
                strings(object, "dns.fallback_dns", dns.get("fallback_dns")));
        notes.addAll(up.notes());
        strings(object, "dns.bootstrap_dns", dns.get("bootstrap_dns"));
        Object enabled = filtering.getOrDefault("filtering_enabled", dns.getOrDefault("filtering_enabled", true));
        List<FilterList> filters = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        if (Boolean.FALSE.equals(enabled)) {
            notes.add(object + ": filtering_enabled is false: filters and user_rules are not loaded");
        } else {
            lists(object, "filters", root.get("filters"), dir, mode, false, filters, files, notes);
            lists(object, "whitelist_filters", root.get("whitelist_filters"), dir, mode, true, filters, files, notes);
            List<String> user = strings(object, "user_rules", root.get("user_rules"));
            filters.add(BlockListParser.parse(object + " user_rules", String.join("\n", user), mode));
        }
        return new AdGuardSetup(rewrites, filters, up.upstreams(), up.domainUpstreams(), notes, files);
    }

    private static BlockMode mode(String object, String field, Object value) {
        String m = value == null ? "default" : value.toString().strip().toLowerCase(Locale.ROOT);
        return switch (m) {
            case "default", "null_ip", "" -> BlockMode.ZERO;
            case "nxdomain" -> BlockMode.NXDOMAIN;
            default -> throw new IllegalArgumentException(object + ": " + field + ": '" + m
                    + "' is not supported (default, null_ip or nxdomain)");
        };
    }

    private static List<RewriteRule> rewrites(String object, String field, Object value) {
        List<RewriteRule> out = new ArrayList<>();
        List<?> entries = list(object, field, value);
        for (int i = 0; i < entries.size(); i++) {
            String at = field + "[" + i + "]";
            Map<String, Object> r = map(object, at, entries.get(i));
            Object enabled = r.getOrDefault("enabled", true);
            if (!(enabled instanceof Boolean)) {
                throw new IllegalArgumentException(object + ": " + at + ".enabled: '" + enabled
                        + "' is not true or false");
            }
            out.add(RewriteRule.parse(object + ": " + at, string(r.get("domain")), string(r.get("answer")),
                    (Boolean) enabled, List.of()));
        }
        return out;
    }

    private static void lists(String object, String field, Object value, Path dir, BlockMode mode, boolean allow,
            List<FilterList> into, List<Path> files, List<String> notes) throws IOException {
        List<?> entries = list(object, field, value);
        for (int i = 0; i < entries.size(); i++) {
            String at = object + ": " + field + "[" + i + "]";
            Map<String, Object> f = map(object, field + "[" + i + "]", entries.get(i));
            String url = string(f.get("url"));
            if (!Boolean.TRUE.equals(f.getOrDefault("enabled", false))) {
                continue;
            }
            if (url.isEmpty()) {
                throw new IllegalArgumentException(at + ".url: empty");
            }
            String lower = url.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                notes.add(at + ": " + url + " skipped: the box reads local list files only; download it and "
                        + "give its path");
                continue;
            }
            Path path = dir == null ? Path.of(url) : dir.resolve(url);
            files.add(path);
            byte[] text;
            try {
                text = Files.readAllBytes(path);
            } catch (IOException e) {
                throw new IOException(at + ".url: " + path + ": cannot be read: " + e, e);
            }
            into.add(BlockListParser.parse(path.getFileName().toString(), text, mode, allow));
        }
    }

    private static String string(Object o) {
        return o == null ? "" : o.toString();
    }

    private static List<String> strings(String object, String field, Object value) {
        List<String> out = new ArrayList<>();
        for (Object o : list(object, field, value)) {
            if (o instanceof Map || o instanceof List) {
                throw new IllegalArgumentException(object + ": " + field + ": expected a list of strings");
            }
            out.add(string(o));
        }
        return out;
    }

    private static List<?> list(String object, String field, Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException(object + ": " + field + ": expected a list");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String object, String field, Object value) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(object + ": " + (field.isEmpty() ? "" : field + ": ")
                + "expected a mapping");
    }
}
