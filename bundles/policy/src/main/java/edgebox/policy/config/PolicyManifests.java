package edgebox.policy.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigurationSpec;
import edgebox.api.config.FlatProperties;
import edgebox.api.config.ManifestHandler;
import edgebox.api.config.ManifestKind;
import edgebox.api.config.ManifestObject;
import edgebox.api.config.ManifestTranslation;
import edgebox.policy.parse.Parsed;
import edgebox.policy.parse.PolicyObjects;
import edgebox.policy.model.PolicyObject;

/**
 * Policies and CIDR groups as users write them become one factory configuration each, holding the object flattened,
 * once the same parser the engine uses has read them whole; a refused object names its field and the reason.
 */
public final class PolicyManifests implements ManifestHandler {

    private final Runnable caughtUp;

    /** {@code caughtUp} runs when the config bundle has written every policy manifest it holds to Config Admin. */
    public PolicyManifests(Runnable caughtUp) {
        this.caughtUp = caughtUp;
    }

    @Override
    public void caughtUp() {
        caughtUp.run();
    }

    @Override
    public Set<ManifestKind> kinds() {
        return Set.copyOf(PolicyKinds.KINDS);
    }

    @Override
    public ManifestTranslation translate(ManifestObject object) {
        Parsed<PolicyObject> parsed = PolicyObjects.parse(object.content());
        if (!parsed.ok()) {
            return ManifestTranslation.refused(parsed.problems());
        }
        Map<String, Object> flat;
        try {
            flat = FlatProperties.flatten(object.content());
        } catch (IllegalArgumentException e) {
            return ManifestTranslation.refused(List.of(ConfigProblem.of(object.displayName(), "", e.getMessage())));
        }
        String kind = object.kind().kind();
        String name = PolicyKinds.clusterScoped(kind) ? object.name() : object.namespace() + "." + object.name();
        return ManifestTranslation.of(List.of(new ConfigurationSpec(PolicyKinds.PIDS.get(kind), name, flat)));
    }
}
