package edgebox.policy.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import edgebox.api.config.ConfigProblem;
import edgebox.policy.model.CidrGroup;
import edgebox.policy.model.Policy;
import edgebox.policy.model.PolicyObject;
import edgebox.policy.parse.Parsed;
import edgebox.policy.parse.PolicyObjects;

/**
 * The policy and CIDR group configurations Config Admin delivered, each read once as it arrives. A configuration
 * that does not read (written past the validator) is reported under its PID, and the object it last held stays in
 * force, so a typo never opens what a policy closed.
 */
public final class PolicyInputs {

    private final Map<String, PolicyObject> objects = new ConcurrentHashMap<>();
    private final Map<String, List<ConfigProblem>> refused = new ConcurrentHashMap<>();

    public void update(String pid, Map<String, ?> properties) {
        Parsed<PolicyObject> parsed = PolicyObjects.fromProperties(properties);
        if (parsed.ok()) {
            objects.put(pid, parsed.value());
            refused.remove(pid);
        } else {
            refused.put(pid, parsed.problems());
        }
    }

    public void delete(String pid) {
        objects.remove(pid);
        refused.remove(pid);
    }

    public boolean holds(String pid) {
        return objects.containsKey(pid) || refused.containsKey(pid);
    }

    /** The policies in force, by display name. */
    public List<Policy> policies() {
        return objects.values().stream().filter(Policy.class::isInstance).map(Policy.class::cast)
                .sorted(Comparator.comparing(Policy::displayName)).toList();
    }

    public List<CidrGroup> groups() {
        return objects.values().stream().filter(CidrGroup.class::isInstance).map(CidrGroup.class::cast)
                .sorted(Comparator.comparing(CidrGroup::name)).toList();
    }

    /** Each refused configuration's problems, said to come from its PID. */
    public List<ConfigProblem> problems() {
        List<ConfigProblem> all = new ArrayList<>();
        refused.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> e.getValue().forEach(p -> all.add(p.from(e.getKey()))));
        return all;
    }
}
