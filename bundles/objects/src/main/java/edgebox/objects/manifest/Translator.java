package edgebox.objects.manifest;

import edgebox.api.config.FlatProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigurationSpec;
import edgebox.api.config.ManifestObject;
import edgebox.api.config.ManifestTranslation;
import edgebox.objects.parse.Parser;
import edgebox.objects.parse.Problem;
import edgebox.api.objects.KubeObject;

/**
 * Manifest object to factory configuration and back: the ManifestHandler's translation, the ConfigValidator's check
 * of hand-written or translated properties, and the components' reading of their properties. Pure functions.
 */
public final class Translator {

    private Translator() {
    }

    public static ManifestTranslation translate(ManifestObject object) {
        Map<String, Object> content = new LinkedHashMap<>(object.content());
        Map<String, Object> meta = content.get("metadata") instanceof Map<?, ?> m
                ? new LinkedHashMap<>(cast(m)) : new LinkedHashMap<>();
        if (!Parser.CLUSTER_SCOPED.contains(object.kind().kind())) {
            meta.putIfAbsent("namespace", object.namespace());
        }
        content.put("metadata", meta);
        Parser.Parsed parsed = Parser.parse(content);
        if (!parsed.ok()) {
            return ManifestTranslation.refused(problems(object.displayName(), parsed.problems()));
        }
        String pid = Kinds.PIDS.get(object.kind().kind());
        Map<String, Object> props;
        try {
            props = FlatProperties.flatten(content);
        } catch (IllegalArgumentException e) {
            return ManifestTranslation.refused(List.of(ConfigProblem.of(object.displayName(), "", e.getMessage())));
        }
        String name = Parser.CLUSTER_SCOPED.contains(object.kind().kind()) ? object.name()
                : object.namespace() + "." + object.name();
        return ManifestTranslation.of(List.of(new ConfigurationSpec(pid, name, props)));
    }

    /** Checks properties for factory PID {@code pid}: they must parse, and be of the PID's kind. */
    public static List<ConfigProblem> validate(String pid, Map<String, ?> properties) {
        try {
            read(pid, properties);
            return List.of();
        } catch (Refused e) {
            return e.problems;
        }
    }

    /** The object the properties describe; throws {@link Refused} with every problem found. */
    public static KubeObject read(String pid, Map<String, ?> properties) throws Refused {
        Map<String, Object> own = FlatProperties.own(properties);
        Map<String, Object> content;
        try {
            content = FlatProperties.unflatten(own);
        } catch (IllegalArgumentException e) {
            throw new Refused(List.of(ConfigProblem.of(pid, "", e.getMessage())));
        }
        Parser.Parsed parsed = Parser.parse(content);
        String object = pid;
        if (content.get("kind") != null && content.get("metadata") instanceof Map<?, ?> m) {
            object = content.get("kind") + " " + (m.get("namespace") == null ? "" : m.get("namespace") + "/")
                    + m.get("name");
        }
        if (!parsed.ok()) {
            throw new Refused(problems(object, parsed.problems()));
        }
        String expected = Kinds.PIDS.get(parsed.object().kind());
        if (!pid.equals(expected)) {
            throw new Refused(List.of(ConfigProblem.of(object, "kind", "a " + parsed.object().kind()
                    + " belongs to factory PID " + expected + ", not " + pid)));
        }
        return parsed.object();
    }

    private static List<ConfigProblem> problems(String object, List<Problem> found) {
        List<ConfigProblem> out = new ArrayList<>();
        for (Problem p : found) {
            out.add(ConfigProblem.of(object, p.field(), p.reason()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    /** Properties that do not make a valid resource. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;
        final transient List<ConfigProblem> problems;

        Refused(List<ConfigProblem> problems) {
            super(problems.stream().map(ConfigProblem::toString).reduce((a, b) -> a + "; " + b).orElse("refused"));
            this.problems = List.copyOf(problems);
        }

        public List<ConfigProblem> problems() {
            return problems;
        }
    }
}
