package edgebox.config.cfg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import edgebox.api.config.ConfigProblem;
import edgebox.config.model.Applied;
import edgebox.config.model.ConfigKey;
import edgebox.config.model.Plan;
import edgebox.config.model.Props;
import edgebox.config.model.Schema;
import edgebox.config.model.Schemas;
import edgebox.config.model.Tags;
import edgebox.config.model.Validators;

/**
 * Plans one {@code .cfg} file: name, properties, conversion by the PID's schema, then the validators. A pure
 * function of the file's text, the schemas, the validators and what Config Admin holds now.
 */
public final class CfgPlanner {

    private final Schemas schemas;
    private final Validators validators;

    public CfgPlanner(Schemas schemas, Validators validators) {
        this.schemas = schemas;
        this.validators = validators;
    }

    /**
     * @param source      the file relative to the home ({@code etc/edgebox.health.cfg})
     * @param fileName    its name ({@code edgebox.health.cfg})
     * @param text        its content
     * @param current     what Config Admin holds now, by key
     * @param sourceExists whether a file (relative to the home) still exists
     */
    public Plan plan(String source, String fileName, String text, Map<ConfigKey, Applied> current,
            Predicate<String> sourceExists) {
        ConfigKey key = CfgFile.keyOf(fileName);
        if (key == null) {
            return refuse(source, "", "", "file name is neither PID.cfg nor FACTORY~name.cfg");
        }
        String object = key.toString();
        Applied owner = current.get(key);
        if (owner != null && owner.source() != null && !owner.source().equals(source)
                && sourceExists.test(owner.source())) {
            return refuse(source, object, "", "configuration already comes from " + owner.source());
        }
        Map<String, String> values;
        try {
            values = CfgFile.parse(text);
        } catch (IllegalArgumentException e) {
            return refuse(source, object, "", e.getMessage());
        }
        for (String reserved : List.of(Tags.SOURCE, Tags.OBJECT, "service.pid", "service.factoryPid")) {
            if (values.containsKey(reserved)) {
                return refuse(source, object, reserved, "reserved property, set by edgebox.config or Config Admin");
            }
        }
        Optional<Schema> schema = schemas.find(key.schemaPid(), key.isFactory());
        ValueConverter.Result converted = ValueConverter.convert(object, values, schema.orElse(null));
        List<ConfigProblem> problems = new ArrayList<>(converted.problems());
        if (problems.isEmpty()) {
            for (ConfigProblem p : validators.validate(key.schemaPid(), converted.properties())) {
                problems.add(p.object().isEmpty() ? new ConfigProblem("", object, p.field(), p.reason()) : p);
            }
        }
        if (!problems.isEmpty()) {
            return new Plan.Refuse(source, problems.stream().map(p -> p.from(source)).toList(), false);
        }
        Map<String, Object> props = new LinkedHashMap<>(converted.properties());
        props.put(Tags.SOURCE, source);
        List<Plan.Put> puts = owner != null && Props.same(owner.properties(), props)
                ? List.of() : List.of(new Plan.Put(key, props));
        return new Plan.Apply(source, puts, Plan.stale(source, Set.of(key), current), Set.of(key),
                schema.isPresent() ? Set.of() : Set.of(key));
    }

    private static Plan refuse(String source, String object, String field, String reason) {
        return new Plan.Refuse(source, List.of(new ConfigProblem(source, object, field, reason)), false);
    }
}
