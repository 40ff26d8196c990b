package edgebox.config.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ManifestKind;
import edgebox.api.config.ManifestObject;

/**
 * Parses a manifest file: multi-document YAML, Kubernetes style, each document an object with {@code apiVersion},
 * {@code kind} and {@code metadata.name} ({@code metadata.namespace} defaults to {@code default}). Safe types only
 * (maps, lists, strings, numbers, booleans; timestamps stay strings), with limits on size, nesting and aliases.
 * Empty documents are skipped.
 */
public final class ManifestParser {

    public static final String DEFAULT_NAMESPACE = "default";
    static final int MAX_CODE_POINTS = 4 * 1024 * 1024;
    static final int MAX_NESTING = 64;
    static final int MAX_ALIASES = 50;

    /** The objects of a file, or the problems that refuse it (source filled in). */
    public record Parsed(List<ManifestObject> objects, List<ConfigProblem> problems) {

        public Parsed {
            objects = List.copyOf(objects);
            problems = List.copyOf(problems);
        }
    }

    private ManifestParser() {
    }

    public static Parsed parse(String source, String text) {
        List<ManifestObject> objects = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        int index = 0;
        try {
            for (Object doc : yaml().loadAll(text)) {
                index++;
                if (doc != null) {
                    toObject(source, index, doc, objects, problems);
                }
            }
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null ? ""
                    : "line " + (e.getProblemMark().getLine() + 1) + ", column " + (e.getProblemMark().getColumn() + 1)
                            + ": ";
            problems.add(new ConfigProblem(source, "document " + (index + 1), "",
                    "not valid YAML: " + where + oneLine(e.getProblem())));
        } catch (YAMLException e) {
            problems.add(new ConfigProblem(source, "document " + (index + 1), "", "not valid YAML: "
                    + oneLine(e.getMessage())));
        }
        return new Parsed(problems.isEmpty() ? objects : List.of(), problems);
    }

    private static void toObject(String source, int index, Object doc, List<ManifestObject> objects,
            List<ConfigProblem> problems) {
        String where = "document " + index;
        if (!(doc instanceof Map<?, ?> map)) {
            problems.add(new ConfigProblem(source, where, "", "must be a mapping with apiVersion, kind and metadata"));
            return;
        }
        Map<String, Object> content = new LinkedHashMap<>(freezeMap(map));
        content.values().removeIf(java.util.Objects::isNull);
        String apiVersion = text(content.get("apiVersion"));
        String kind = text(content.get("kind"));
        Object metadata = content.get("metadata");
        Map<?, ?> meta = metadata instanceof Map<?, ?> m ? m : Map.of();
        String name = text(meta.get("name"));
        String namespace = meta.get("namespace") == null ? DEFAULT_NAMESPACE : text(meta.get("namespace"));
        String object = kind == null ? where : kind + " " + (namespace == null ? "?" : namespace) + "/"
                + (name == null ? "?" : name);
        int before = problems.size();
        if (apiVersion == null) {
            problems.add(new ConfigProblem(source, object, "apiVersion", "missing or empty"));
        }
        if (kind == null) {
            problems.add(new ConfigProblem(source, object, "kind", "missing or empty"));
        }
        if (metadata != null && !(metadata instanceof Map)) {
            problems.add(new ConfigProblem(source, object, "metadata", "must be a mapping"));
        } else if (name == null) {
            problems.add(new ConfigProblem(source, object, "metadata.name", "missing or empty"));
        }
        if (namespace == null) {
            problems.add(new ConfigProblem(source, object, "metadata.namespace", "must be a non-empty string"));
        }
        if (problems.size() == before) {
            objects.add(new ManifestObject(new ManifestKind(apiVersion, kind), namespace, name, content, source));
        }
    }

    /** A non-empty string, or {@code null}. */
    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    /** Read-only copies with string keys; top-level nulls are dropped (an absent field reads the same). */
    private static Map<String, Object> freezeMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), freeze(v)));
        return Collections.unmodifiableMap(out);
    }

    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> m) {
            return freezeMap(m);
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(e -> out.add(freeze(e)));
            return Collections.unmodifiableList(out);
        }
        return value;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_CODE_POINTS);
        return new Yaml(new StringTimestamps(options));
    }

    /** SafeConstructor that keeps timestamps as the strings they were written as. */
    private static final class StringTimestamps extends SafeConstructor {

        StringTimestamps(LoaderOptions options) {
            super(options);
            yamlConstructors.put(Tag.TIMESTAMP, yamlConstructors.get(Tag.STR));
        }
    }
}
