package edgebox.policy.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.FlatProperties;
import edgebox.policy.model.CidrGroup;
import edgebox.policy.model.Policy;
import edgebox.policy.model.PolicyObject;

/**
 * Reads a YAML manifest twice: as the manifest object, and as a hand-written .cfg would give it (flattened, every
 * value a string). Both readings must agree.
 */
final class Manifests {

    private Manifests() {
    }

    static Parsed<PolicyObject> read(String yaml) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(yaml);
        Parsed<PolicyObject> manifest = PolicyObjects.parse(object);
        Map<String, Object> cfg = new LinkedHashMap<>();
        FlatProperties.flatten(object).forEach((k, v) -> cfg.put(k, String.valueOf(v)));
        cfg.put("service.pid", "edgebox.policy~default.x");
        Parsed<PolicyObject> properties = PolicyObjects.fromProperties(cfg);
        assertEquals(manifest, properties, "the manifest and its properties read alike");
        return manifest;
    }

    static Policy policy(String yaml) {
        Parsed<PolicyObject> p = read(yaml);
        assertEquals(List.of(), p.problems());
        return (Policy) p.value();
    }

    static CidrGroup group(String yaml) {
        Parsed<PolicyObject> p = read(yaml);
        assertEquals(List.of(), p.problems());
        return (CidrGroup) p.value();
    }

    /** The problems, each as {@code object: field: reason}. */
    static List<String> refused(String yaml) {
        return read(yaml).problems().stream().map(ConfigProblem::toString).toList();
    }
}
