package edgebox.system;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigValidator;
import edgebox.api.config.TypedConfig;

/** Refuses a bad {@code edgebox.system} before Config Admin takes it, with the reader the component uses. */
@Component(property = ConfigValidator.PIDS + "=" + Settings.PID)
public final class SystemValidator implements ConfigValidator {

    @Override
    public List<ConfigProblem> validate(String pid, Map<String, Object> properties) {
        try {
            Settings.of(TypedConfig.of(SystemConfig.class, properties), null);
            return List.of();
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            int colon = m.indexOf(": ");
            return List.of(colon > 0 ? ConfigProblem.of(pid, m.substring(0, colon), m.substring(colon + 2))
                    : ConfigProblem.of(pid, "", m));
        }
    }
}
