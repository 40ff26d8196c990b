package edgebox.proxy.resource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigValidator;
import edgebox.api.config.ManifestHandler;
import edgebox.api.config.ManifestKind;
import edgebox.api.config.ManifestObject;
import edgebox.api.config.ManifestTranslation;

/** The proxy's kinds as manifests (ManifestHandler) and the checks of their factory configurations. */
@Component(service = {ManifestHandler.class, ConfigValidator.class}, property = {
    ConfigValidator.PIDS + "=" + Kinds.GATEWAY, ConfigValidator.PIDS + "=" + Kinds.HTTPROUTE,
    ConfigValidator.PIDS + "=" + Kinds.GRPCROUTE, ConfigValidator.PIDS + "=" + Kinds.TLSROUTE,
    ConfigValidator.PIDS + "=" + Kinds.REFERENCEGRANT, ConfigValidator.PIDS + "=" + Kinds.SERVICE,
    ConfigValidator.PIDS + "=" + Kinds.ENDPOINTSLICE, ConfigValidator.PIDS + "=" + Kinds.SECRET,
    ConfigValidator.PIDS + "=" + Translator.GATEWAYS_PID})
public class ProxyManifests implements ManifestHandler, ConfigValidator {

    @Override
    public Set<ManifestKind> kinds() {
        return Kinds.MANIFEST_KINDS;
    }

    @Override
    public ManifestTranslation translate(ManifestObject object) {
        return Translator.translate(object);
    }

    @Override
    public List<ConfigProblem> validate(String pid, Map<String, Object> properties) {
        return Translator.validate(pid, properties);
    }
}
