package edgebox.policy.engine;

import java.util.List;

import edgebox.api.config.ConfigProblem;
import edgebox.policy.compile.PolicyTable;
import edgebox.policy.compile.Verdicts;
import edgebox.policy.identity.Identity;
import edgebox.policy.model.CidrGroup;
import edgebox.policy.model.Policy;

/**
 * One compilation, immutable: the table the data paths ask, the tally each verdict is counted on (by the deciding
 * rule, or for a default deny by the destination's first default-denying policy), the rule names verdicts carry,
 * and what went into it.
 */
public final class CompiledPolicies {

    private final PolicyTable table;
    private final List<Policy> policies;
    private final List<CidrGroup> groups;
    private final List<ConfigProblem> problems;
    private final long objectsVersion;
    private final double compileMillis;
    private final Tally[] byRule;
    private final String[] ruleNames;
    private final Tally[] defaultById;
    private final String[] defaultNames;

    CompiledPolicies(PolicyTable table, List<Policy> policies, List<CidrGroup> groups, List<ConfigProblem> problems,
            double compileMillis, PolicyCounters counters) {
        this.table = table;
        this.policies = List.copyOf(policies);
        this.groups = List.copyOf(groups);
        this.problems = List.copyOf(problems);
        this.objectsVersion = table.destinations().version();
        this.compileMillis = compileMillis;
        byRule = new Tally[table.ruleCount()];
        ruleNames = new String[table.ruleCount()];
        for (int i = 0; i < byRule.length; i++) {
            byRule[i] = counters.of(table.rule(i).policy());
            ruleNames[i] = table.rule(i).toString();
        }
        List<Identity> ids = table.destinations().identities();
        defaultById = new Tally[Identity.FIRST_ALLOCATED + ids.size()];
        defaultNames = new String[defaultById.length];
        defaults(Identity.HOST, counters);
        defaults(Identity.WORLD, counters);
        ids.forEach(id -> defaults(id, counters));
    }

    private void defaults(Identity id, PolicyCounters counters) {
        List<Policy> denying = table.defaultDenying(id);
        if (!denying.isEmpty()) {
            defaultById[id.id()] = counters.of(denying.get(0));
            defaultNames[id.id()] = denying.get(0).displayName() + " default deny";
        }
    }

    /** The tally a verdict at {@code destination} counts on, null when no policy decided (none selects it). */
    Tally tally(int verdict, Identity destination) {
        int rule = Verdicts.rule(verdict);
        if (rule >= 0) {
            return byRule[rule];
        }
        int id = destination.id();
        return id < defaultById.length ? defaultById[id] : null;
    }

    /** {@code CiliumNetworkPolicy default/allow-web spec.ingress[0]}, or the default deny that decided. */
    String decidedBy(int verdict, Identity destination) {
        int rule = Verdicts.rule(verdict);
        if (rule >= 0) {
            return ruleNames[rule];
        }
        int id = destination.id();
        String name = id < defaultNames.length ? defaultNames[id] : null;
        return name == null ? "no policy selects the destination" : name;
    }

    public PolicyTable table() {
        return table;
    }

    public List<Policy> policies() {
        return policies;
    }

    public List<CidrGroup> groups() {
        return groups;
    }

    /** Refused configurations, missing CIDR groups, conflicting labels: each naming object, field and reason. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    public long objectsVersion() {
        return objectsVersion;
    }

    public double compileMillis() {
        return compileMillis;
    }
}
