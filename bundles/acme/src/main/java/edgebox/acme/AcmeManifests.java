package edgebox.acme;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import edgebox.acme.model.Manifests;
import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigValidator;
import edgebox.api.config.ManifestHandler;
import edgebox.api.config.ManifestKind;
import edgebox.api.config.ManifestObject;
import edgebox.api.config.ManifestTranslation;

/** cert-manager's ClusterIssuer, Issuer and Certificate as manifests, and the check of their configurations. */
@Component(service = {ManifestHandler.class, ConfigValidator.class}, property = {
    ConfigValidator.PIDS + "=" + Manifests.CLUSTER_ISSUER_PID, ConfigValidator.PIDS + "=" + Manifests.ISSUER_PID,
    ConfigValidator.PIDS + "=" + Manifests.CERTIFICATE_PID})
public class AcmeManifests implements ManifestHandler, ConfigValidator {

    @Override
    public Set<ManifestKind> kinds() {
        return Manifests.KINDS;
    }

    @Override
    public ManifestTranslation translate(ManifestObject object) {
        return Manifests.translate(object);
    }

    @Override
    public List<ConfigProblem> validate(String pid, Map<String, Object> properties) {
        return Manifests.validate(pid, properties);
    }
}
