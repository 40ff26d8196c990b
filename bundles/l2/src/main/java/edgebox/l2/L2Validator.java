package edgebox.l2;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigValidator;
import edgebox.api.config.TypedConfig;
import edgebox.l2.plan.Checks;
import edgebox.l2.plan.L2Settings;
import edgebox.l2.plan.PlanProblem;
import edgebox.l2.plan.Policy;
import edgebox.l2.plan.VipsAndRouters;

/**
 * Refuses a bad announcer configuration before Config Admin takes it, naming the field and the reason, with the
 * readers the announcer itself uses.
 */
@Component(property = {ConfigValidator.PIDS + "=" + L2Settings.PID, ConfigValidator.PIDS + "=" + VipsAndRouters.VIP_PID,
        ConfigValidator.PIDS + "=" + VipsAndRouters.VRRP_PID, ConfigValidator.PIDS + "=" + Policy.PID})
public final class L2Validator implements ConfigValidator {

    @Override
    public List<ConfigProblem> validate(String pid, Map<String, Object> properties) {
        if (!pid.equals(L2Settings.PID)) {
            return Checks.check(pid, properties);
        }
        try {
            L2Component.settings(view(properties));
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(problem(pid, e));
        }
    }

    /** The properties seen through the configuration type, as the component runtime shows them to the component. */
    static L2Config view(Map<String, ?> properties) {
        return TypedConfig.of(L2Config.class, properties);
    }

    /** A refusal of a value that is not of its property's type ({@code key: reason}), or one of the settings. */
    private static ConfigProblem problem(String pid, IllegalArgumentException e) {
        String m = String.valueOf(e.getMessage());
        int colon = m.indexOf(": ");
        return e instanceof PlanProblem || colon <= 0 || m.substring(0, colon).contains(" ") ? Checks.problem(pid, e)
                : ConfigProblem.of(pid, m.substring(0, colon), m.substring(colon + 2));
    }
}
