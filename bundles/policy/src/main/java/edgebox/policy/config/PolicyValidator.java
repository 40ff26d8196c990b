package edgebox.policy.config;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigValidator;
import edgebox.policy.parse.PolicyObjects;

/** Refuses a policy or CIDR group configuration written by hand or by {@code config:set} as its manifest would be. */
@Component(property = {ConfigValidator.PIDS + "=" + PolicyKinds.CNP_PID, ConfigValidator.PIDS + "=" + PolicyKinds.CCNP_PID,
        ConfigValidator.PIDS + "=" + PolicyKinds.NETWORK_POLICY_PID, ConfigValidator.PIDS + "=" + PolicyKinds.CIDR_GROUP_PID})
public final class PolicyValidator implements ConfigValidator {

    @Override
    public List<ConfigProblem> validate(String pid, Map<String, Object> properties) {
        return PolicyObjects.fromProperties(properties).problems();
    }
}
