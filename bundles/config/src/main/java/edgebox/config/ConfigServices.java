package edgebox.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

import org.osgi.framework.ServiceReference;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigValidator;
import edgebox.api.config.ManifestHandler;
import edgebox.api.config.ManifestKind;
import edgebox.config.model.Props;
import edgebox.config.model.Validators;

/**
 * The ManifestHandler and ConfigValidator services as they come and go, asked as the engine needs them: the
 * handler of the highest ranking that claims a kind, and every validator that names a PID.
 */
final class ConfigServices implements Validators {

    private final Map<ServiceReference<?>, ManifestHandler> handlers =
            new ConcurrentSkipListMap<>(Collections.reverseOrder());
    private final Map<ServiceReference<?>, ConfigValidator> validators =
            new ConcurrentSkipListMap<>(Collections.reverseOrder());

    void addHandler(ServiceReference<?> ref, ManifestHandler handler) {
        handlers.put(ref, handler);
    }

    void removeHandler(ServiceReference<?> ref) {
        handlers.remove(ref);
    }

    void addValidator(ServiceReference<?> ref, ConfigValidator validator) {
        validators.put(ref, validator);
    }

    void removeValidator(ServiceReference<?> ref) {
        validators.remove(ref);
    }

    /** Tells every handler registered now that its manifests are in Config Admin. */
    void caughtUp() {
        handlers.values().forEach(ConfigServices::caughtUp);
    }

    /** Tells one handler that its manifests are in Config Admin; a handler that throws is not waited for. */
    static void caughtUp(ManifestHandler handler) {
        try {
            handler.caughtUp();
        } catch (RuntimeException e) {
            System.getLogger("edgebox.config").log(System.Logger.Level.WARNING, "a manifest handler failed: " + e, e);
        }
    }

    /** The handler that claims a kind, or {@code null}. */
    ManifestHandler handler(ManifestKind kind) {
        for (ManifestHandler h : handlers.values()) {
            try {
                Set<ManifestKind> kinds = h.kinds();
                if (kinds != null && kinds.contains(kind)) {
                    return h;
                }
            } catch (RuntimeException e) {
                // a broken handler claims nothing
            }
        }
        return null;
    }

    @Override
    public List<ConfigProblem> validate(String pid, Map<String, Object> properties) {
        List<ConfigProblem> problems = new ArrayList<>();
        validators.forEach((ref, validator) -> {
            Set<String> pids = Props.elements(ref.getProperty(ConfigValidator.PIDS)).stream()
                    .filter(p -> p != null).map(Object::toString).collect(Collectors.toSet());
            if (!pids.contains(pid)) {
                return;
            }
            try {
                List<ConfigProblem> found = validator.validate(pid, Map.copyOf(properties));
                if (found != null) {
                    problems.addAll(found);
                }
            } catch (RuntimeException e) {
                problems.add(ConfigProblem.of("", "", "validator failed: " + e));
            }
        });
        return problems;
    }
}
