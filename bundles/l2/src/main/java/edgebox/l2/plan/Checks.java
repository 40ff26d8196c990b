package edgebox.l2.plan;

import java.util.List;
import java.util.Map;

import edgebox.api.config.ConfigProblem;

/** Checks one of the announcer's factory configurations before Config Admin takes it. */
public final class Checks {

    private Checks() {
    }

    /** The problems of {@code properties} for the factory PID {@code pid}; empty when it is good. */
    public static List<ConfigProblem> check(String pid, Map<String, ?> properties) {
        try {
            switch (pid) {
                case VipsAndRouters.VIP_PID -> VipsAndRouters.vip(pid, properties);
                case VipsAndRouters.VRRP_PID -> VipsAndRouters.router(pid, properties);
                case Policy.PID -> Policy.read(pid, properties);
                default -> {
                    return List.of();
                }
            }
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(problem(pid, e));
        }
    }

    /** A refusal as the config bundle reports it: object, field and reason when the refusal names them. */
    public static ConfigProblem problem(String pid, IllegalArgumentException e) {
        return e instanceof PlanProblem p ? ConfigProblem.of(p.object(), p.field(), p.reason())
                : ConfigProblem.of(pid, "", e.getMessage());
    }
}
