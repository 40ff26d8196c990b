package edgebox.objects.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigValidator;
import edgebox.api.config.ManifestHandler;
import edgebox.api.config.ManifestKind;
import edgebox.api.config.ManifestObject;
import edgebox.api.config.ManifestTranslation;
import edgebox.api.net.Cidr;

/**
 * The shared kinds as manifests (ManifestHandler) and the checks of their factory configurations and of the
 * store's own settings (ConfigValidator), so a bad object is refused before it reaches Config Admin.
 */
public final class ObjectManifests implements ManifestHandler, ConfigValidator {

    /** Every PID this validates: the kinds' factory PIDs and {@value Kinds#SETTINGS_PID}. */
    public static String[] pids() {
        List<String> pids = new ArrayList<>(Kinds.PIDS.values());
        pids.add(Kinds.SETTINGS_PID);
        return pids.toArray(String[]::new);
    }

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
        if (!Kinds.SETTINGS_PID.equals(pid)) {
            return Translator.validate(pid, properties);
        }
        Object address = properties.get("defaultAddress");
        if (address != null) {
            try {
                Cidr.address(String.valueOf(address));
            } catch (IllegalArgumentException e) {
                return List.of(ConfigProblem.of(pid, "defaultAddress", e.getMessage()));
            }
        }
        return List.of();
    }
}
