package edgebox.config.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import edgebox.config.model.EtcFile;
import edgebox.config.model.Schemas;

/**
 * What changed between two sets of configuration files, object by object and field by field: added and removed
 * objects, fields added, removed or changed. A secret never comes out: its values read {@value #SECRET}.
 *
 * @param changes  the objects that differ, by name
 * @param textOnly the files whose text differs while no object of theirs does (comments, order, spacing)
 */
public record ConfigDiff(List<Change> changes, List<String> textOnly) {

    public static final String SECRET = "<secret>";
    private static final int SUMMARY_CHARS = 160;
    private static final int VALUE_CHARS = 40;

    /**
     * One field that differs.
     *
     * @param before its value before, {@code null} when it was added ({@value #SECRET} for a secret)
     * @param after  its value after, {@code null} when it was removed
     * @param secret whether the field holds a secret
     */
    public record Field(String name, String before, String after, boolean secret) {
    }

    /**
     * One object that differs.
     *
     * @param before the file it was in, {@code null} when it was added
     * @param after  the file it is in, {@code null} when it was removed
     * @param fields its fields that differ (all of them for an added or removed object)
     */
    public record Change(String object, String before, String after, List<Field> fields) {

        public Change {
            fields = List.copyOf(fields);
        }

        public boolean added() {
            return before == null;
        }

        public boolean removed() {
            return after == null;
        }
    }

    public ConfigDiff {
        changes = List.copyOf(changes);
        textOnly = List.copyOf(textOnly);
    }

    /** Only the files whose text differs are read: an object of a file that did not change cannot differ. */
    public static ConfigDiff between(Map<EtcFile, String> from, Map<EtcFile, String> to, Schemas schemas) {
        Set<EtcFile> files = new TreeSet<>(from.keySet());
        files.addAll(to.keySet());
        files.removeIf(f -> Objects.equals(from.get(f), to.get(f)));
        Map<String, ConfigObjects.Item> a = ConfigObjects.of(only(from, files), schemas);
        Map<String, ConfigObjects.Item> b = ConfigObjects.of(only(to, files), schemas);
        Set<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        List<Change> changes = new ArrayList<>();
        Set<String> touched = new TreeSet<>();
        for (String name : names) {
            ConfigObjects.Item x = a.get(name);
            ConfigObjects.Item y = b.get(name);
            List<Field> fields = fields(x, y);
            if (!fields.isEmpty() || x == null || y == null || !x.source().equals(y.source())) {
                changes.add(new Change(name, x == null ? null : x.source(), y == null ? null : y.source(), fields));
                touched.add(x == null ? y.source() : x.source());
                touched.add(y == null ? x.source() : y.source());
            }
        }
        List<String> textOnly = new ArrayList<>();
        for (EtcFile f : files) {
            if (!touched.contains(f.path())) {
                textOnly.add(f.path());
            }
        }
        return new ConfigDiff(changes, textOnly);
    }

    private static Map<EtcFile, String> only(Map<EtcFile, String> all, Set<EtcFile> names) {
        Map<EtcFile, String> out = new java.util.HashMap<>(all);
        out.keySet().retainAll(names);
        return out;
    }

    private static List<Field> fields(ConfigObjects.Item x, ConfigObjects.Item y) {
        Map<String, String> before = x == null ? Map.of() : x.fields();
        Map<String, String> after = y == null ? Map.of() : y.fields();
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<Field> out = new ArrayList<>();
        for (String name : names) {
            String v = before.get(name);
            String w = after.get(name);
            if (Objects.equals(v, w)) {
                continue;
            }
            boolean secret = x != null && x.secrets().contains(name) || y != null && y.secrets().contains(name);
            out.add(secret ? new Field(name, v == null ? null : SECRET, w == null ? null : SECRET, true)
                    : new Field(name, v, w, false));
        }
        return out;
    }

    public boolean isEmpty() {
        return changes.isEmpty() && textOnly.isEmpty();
    }

    /** One line: the one field that changed with its values, else each object marked + (added), - or ~. */
    public String summary() {
        if (isEmpty()) {
            return "no change";
        }
        if (changes.size() == 1 && textOnly.isEmpty()) {
            Change c = changes.get(0);
            if (!c.added() && !c.removed() && c.fields().size() == 1) {
                return c.object() + " " + describe(c.fields().get(0), VALUE_CHARS);
            }
        }
        List<String> parts = new ArrayList<>();
        for (Change c : changes) {
            parts.add((c.added() ? "+" : c.removed() ? "-" : "~") + c.object());
        }
        textOnly.forEach(f -> parts.add(f + " (text only)"));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String next = (i == 0 ? "" : ", ") + parts.get(i);
            if (b.length() + next.length() > SUMMARY_CHARS) {
                return b.append(" and ").append(parts.size() - i).append(" more").toString();
            }
            b.append(next);
        }
        return b.toString();
    }

    /**
     * A field's change as one phrase, values cut to {@code maxChars}: {@code port: 9090 → 9091},
     * {@code apiToken: <secret changed>}.
     */
    public static String describe(Field f, int maxChars) {
        if (f.secret()) {
            return f.name() + ": " + (f.before() == null ? "<secret added>" : f.after() == null ? "<secret removed>"
                    : "<secret changed>");
        }
        if (f.before() == null) {
            return f.name() + ": added " + shorten(f.after(), maxChars);
        }
        if (f.after() == null) {
            return f.name() + ": removed (was " + shorten(f.before(), maxChars) + ")";
        }
        return f.name() + ": " + shorten(f.before(), maxChars) + " → " + shorten(f.after(), maxChars);
    }

    private static String shorten(String value, int maxChars) {
        String one = value.replace("\n", "\\n");
        return one.length() <= maxChars ? one : one.substring(0, maxChars - 1) + "…";
    }
}
