package edgebox.lb;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigValidator;
import edgebox.api.config.TypedConfig;

/** Refuses a bad {@code edgebox.lb} before Config Admin takes it, with the reader the component itself uses. */
@Component(property = ConfigValidator.PIDS + "=" + LbRunSettings.PID)
public final class LbValidator implements ConfigValidator {

    @Override
    public List<ConfigProblem> validate(String pid, Map<String, Object> properties) {
        try {
            LbRunSettings.of(TypedConfig.of(LbConfig.class, properties));
            return List.of();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(": ");
            String field = colon > 0 && !message.substring(0, colon).contains(" ") ? message.substring(0, colon) : "";
            return List.of(ConfigProblem.of(pid, field, field.isEmpty() ? message : message.substring(colon + 2)));
        }
    }
}
