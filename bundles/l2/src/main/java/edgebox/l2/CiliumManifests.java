package edgebox.l2;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigurationSpec;
import edgebox.api.config.FlatProperties;
import edgebox.api.config.ManifestHandler;
import edgebox.api.config.ManifestKind;
import edgebox.api.config.ManifestObject;
import edgebox.api.config.ManifestTranslation;
import edgebox.l2.plan.Checks;
import edgebox.l2.plan.Policy;

/**
 * Cilium's L2 announcement policies as they are written for a cluster, each one factory configuration
 * ({@code edgebox.l2.policy~NAME}) holding the object flattened. (Cilium's LB-IPAM pools are shared objects: the
 * objects bundle owns them.)
 */
@Component
public final class CiliumManifests implements ManifestHandler {

    private static final ManifestKind POLICY = new ManifestKind("cilium.io/v2alpha1", "CiliumL2AnnouncementPolicy");

    @Override
    public Set<ManifestKind> kinds() {
        return Set.of(POLICY);
    }

    @Override
    public ManifestTranslation translate(ManifestObject object) {
        Map<String, Object> flat;
        try {
            flat = FlatProperties.flatten(object.content());
        } catch (IllegalArgumentException e) {
            return ManifestTranslation.refused(List.of(ConfigProblem.of(object.displayName(), "", e.getMessage())));
        }
        List<ConfigProblem> problems = Checks.check(Policy.PID, flat).stream()
                .map(p -> ConfigProblem.of(object.displayName(), p.field(), p.reason())).toList();
        if (!problems.isEmpty()) {
            return ManifestTranslation.refused(problems);
        }
        return ManifestTranslation.of(List.of(new ConfigurationSpec(Policy.PID, object.name(), flat)));
    }
}
