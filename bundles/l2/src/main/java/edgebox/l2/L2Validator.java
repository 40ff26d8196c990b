package edgebox.l2;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigValidator;
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
            return List.of(Checks.problem(pid, e));
        }
    }

    /** The properties seen through the configuration type, as the component runtime shows them to the component. */
    static L2Config view(Map<String, ?> properties) {
        return (L2Config) Proxy.newProxyInstance(L2Config.class.getClassLoader(), new Class<?>[] {L2Config.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> L2Config.class;
                    case "toString" -> "L2Config" + properties;
                    case "hashCode" -> properties.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> value(method, properties.get(method.getName()));
                });
    }

    private static Object value(Method method, Object raw) {
        if (raw == null) {
            return method.getDefaultValue();
        }
        String text = String.valueOf(raw).strip();
        if (method.getReturnType() == int.class) {
            if (raw instanceof Number n) {
                return n.intValue();
            }
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new PlanProblem(L2Settings.PID, method.getName(), "\"" + text + "\" is not a whole number");
            }
        }
        if (method.getReturnType() == boolean.class) {
            return raw instanceof Boolean b ? b : Boolean.parseBoolean(text);
        }
        return text;
    }
}
