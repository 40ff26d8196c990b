package edgebox.l2.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.config.ConfigProblem;

/** Checks one of the announcer's configurations before Config Admin takes it. */
public final class Checks {

    public static final String POOL_PID = "edgebox.l2.ippool";
    public static final String POLICY_PID = "edgebox.l2.policy";

    private Checks() {
    }

    /** The problems of {@code properties} for the (factory) PID {@code pid}; empty when it is good. */
    public static List<ConfigProblem> check(String pid, Map<String, Object> properties) {
        try {
            switch (pid) {
                case Readers.SETTINGS_PID -> Readers.settings(properties, Set.of());
                case Readers.VIP_PID -> Readers.vip(pid, properties);
                case Readers.VRRP_PID -> Readers.router(pid, properties);
                case POOL_PID -> Cluster.pool(pid, properties);
                case POLICY_PID -> Cluster.policy(pid, properties);
                default -> {
                    return List.of();
                }
            }
            return List.of();
        } catch (Props.PlanProblem p) {
            return List.of(ConfigProblem.of(p.object, p.field, p.reason));
        } catch (IllegalArgumentException e) {
            return List.of(ConfigProblem.of(pid, "", e.getMessage()));
        }
    }
}
