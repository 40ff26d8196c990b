package edgebox.config.manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigurationSpec;
import edgebox.api.config.ManifestHandler;
import edgebox.api.config.ManifestKind;
import edgebox.api.config.ManifestObject;
import edgebox.api.config.ManifestTranslation;
import edgebox.config.model.Applied;
import edgebox.config.model.ConfigKey;
import edgebox.config.model.Plan;
import edgebox.config.model.Props;
import edgebox.config.model.Tags;
import edgebox.config.model.Validators;

/**
 * Plans one manifest file as one unit: every object must have a handler, be unique across files, translate
 * without problems and pass the validators of its factory PIDs; then the file's configurations are written and
 * those it no longer produces deleted. Any problem refuses the whole file. A pure function of the file's text, the
 * handlers, the validators and what Config Admin holds now.
 */
public final class ManifestPlanner {

    public static final String NO_HANDLER = "no handler for this kind (is the function installed?)";

    private final Function<ManifestKind, ManifestHandler> handlers;
    private final Validators validators;

    /** @param handlers the handler that claims a kind, or {@code null} */
    public ManifestPlanner(Function<ManifestKind, ManifestHandler> handlers, Validators validators) {
        this.handlers = handlers;
        this.validators = validators;
    }

    public Plan plan(String source, String text, Map<ConfigKey, Applied> current, Predicate<String> sourceExists) {
        ManifestParser.Parsed parsed = ManifestParser.parse(source, text);
        if (!parsed.problems().isEmpty()) {
            return new Plan.Refuse(source, parsed.problems(), false);
        }
        List<ConfigProblem> problems = new ArrayList<>();
        boolean missingHandler = false;
        Map<String, String> objectOwners = new HashMap<>();
        Map<ConfigKey, String> keyOwners = new HashMap<>();
        current.values().forEach(a -> {
            if (a.source() != null && !a.source().equals(source) && sourceExists.test(a.source())) {
                keyOwners.put(a.key(), a.source());
                if (a.object() != null) {
                    objectOwners.put(a.object(), a.source());
                }
            }
        });
        Set<String> seen = new LinkedHashSet<>();
        Map<ConfigKey, Map<String, Object>> produced = new LinkedHashMap<>();
        for (ManifestObject object : parsed.objects()) {
            String id = object.displayName();
            if (!seen.add(id)) {
                problems.add(new ConfigProblem(source, id, "metadata.name", "defined twice in this file"));
                continue;
            }
            if (objectOwners.containsKey(id)) {
                problems.add(new ConfigProblem(source, id, "metadata.name",
                        "also defined in " + objectOwners.get(id) + " (an object lives in one file)"));
                continue;
            }
            ManifestHandler handler = handlers.apply(object.kind());
            if (handler == null) {
                missingHandler = true;
                problems.add(new ConfigProblem(source, id, "apiVersion",
                        NO_HANDLER + ": " + object.kind()));
                continue;
            }
            translate(source, object, handler, keyOwners, produced, problems);
        }
        if (!problems.isEmpty()) {
            return new Plan.Refuse(source, problems, missingHandler);
        }
        List<Plan.Put> puts = new ArrayList<>();
        produced.forEach((key, props) -> {
            Applied now = current.get(key);
            if (now == null || !Props.same(now.properties(), props)) {
                puts.add(new Plan.Put(key, props));
            }
        });
        return new Plan.Apply(source, puts, Plan.stale(source, produced.keySet(), current), produced.keySet(),
                Set.of());
    }

    private void translate(String source, ManifestObject object, ManifestHandler handler,
            Map<ConfigKey, String> keyOwners, Map<ConfigKey, Map<String, Object>> produced,
            List<ConfigProblem> problems) {
        String id = object.displayName();
        ManifestTranslation translation;
        try {
            translation = handler.translate(object);
        } catch (RuntimeException e) {
            problems.add(new ConfigProblem(source, id, "", "handler failed: " + e));
            return;
        }
        if (translation == null) {
            problems.add(new ConfigProblem(source, id, "", "handler returned nothing"));
            return;
        }
        if (translation.refused()) {
            translation.problems().forEach(p -> problems.add(fill(p, source, id)));
            return;
        }
        for (ConfigurationSpec spec : translation.configurations()) {
            ConfigKey key = ConfigKey.factory(spec.factoryPid(), spec.name());
            if (produced.containsKey(key)) {
                problems.add(new ConfigProblem(source, id, "", "configuration " + key + " is produced twice"));
                continue;
            }
            if (keyOwners.containsKey(key)) {
                problems.add(new ConfigProblem(source, id, "",
                        "configuration " + key + " already comes from " + keyOwners.get(key)));
                continue;
            }
            List<ConfigProblem> refused = validators.validate(spec.factoryPid(), spec.properties());
            if (!refused.isEmpty()) {
                refused.forEach(p -> problems.add(fill(p, source, id)));
                continue;
            }
            Map<String, Object> props = new LinkedHashMap<>(spec.properties());
            props.put(Tags.SOURCE, source);
            props.put(Tags.OBJECT, id);
            produced.put(key, props);
        }
    }

    private static ConfigProblem fill(ConfigProblem p, String source, String object) {
        return new ConfigProblem(source, p.object().isEmpty() ? object : p.object(), p.field(), p.reason());
    }
}
