package edgebox.policy;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.api.config.ConfigProblem;
import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;
import edgebox.policy.engine.CompiledPolicies;

/**
 * The policy engine's entry in {@code edgebox:status}: UP with what is in force; DEGRADED with the latest problem
 * (a refused configuration, a missing CIDR group, conflicting labels), since what the author meant is then not
 * quite what runs; DOWN until the decision point is registered.
 */
@Component(service = HealthCheck.class)
public final class PolicyHealth implements HealthCheck {

    private final PolicyView view;

    @Activate
    public PolicyHealth(@Reference PolicyView view) {
        this.view = view;
    }

    @Override
    public String function() {
        return "policy";
    }

    @Override
    public Health health() {
        CompiledPolicies c = view.current();
        String detail = c.policies().size() + " policies (" + c.policies().stream().filter(p -> p.audit()).count()
                + " in audit mode), " + c.table().ruleCount() + " rules, " + c.groups().size() + " CIDR groups";
        if (!view.ready()) {
            return Health.down(detail, "waiting for the policy configurations Config Admin holds");
        }
        List<ConfigProblem> problems = c.problems();
        return problems.isEmpty() ? Health.up(detail)
                : Health.degraded(detail, problems.size() + " problems, last: " + problems.get(problems.size() - 1));
    }
}
