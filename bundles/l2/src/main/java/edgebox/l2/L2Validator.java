package edgebox.l2;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigValidator;
import edgebox.l2.plan.Checks;
import edgebox.l2.plan.Readers;

/** Refuses a bad announcer configuration before Config Admin takes it, naming the field and the reason. */
@Component(property = {ConfigValidator.PIDS + "=" + Readers.SETTINGS_PID, ConfigValidator.PIDS + "="
        + Readers.VIP_PID, ConfigValidator.PIDS + "=" + Readers.VRRP_PID, ConfigValidator.PIDS + "="
        + Checks.POOL_PID, ConfigValidator.PIDS + "=" + Checks.POLICY_PID})
public final class L2Validator implements ConfigValidator {

    @Override
    public List<ConfigProblem> validate(String pid, Map<String, Object> properties) {
        return Checks.check(pid, properties);
    }
}
