package edgebox.lb.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.config.ConfigProblem;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.Service;
import edgebox.lb.plan.LbBackend;
import edgebox.lb.plan.LbPlan;
import edgebox.lb.plan.VirtualService;

/**
 * The targets to check for a plan: every backend of every virtual service (FAILED ones too, so that they can come
 * back), with the spec its Service's annotations give that port, less those whose check is {@code none}; and the
 * problems found in the annotations, one set per Service.
 */
public record HealthTargets(List<HealthTarget> targets, List<ConfigProblem> problems) {

    public HealthTargets {
        targets = List.copyOf(targets);
        problems = List.copyOf(problems);
    }

    public static HealthTargets of(ObjectSnapshot snapshot, LbPlan plan, HealthDefaults defaults) {
        Map<String, Service> services = new HashMap<>();
        for (Service s : snapshot.services()) {
            services.put(s.meta().key(), s);
        }
        Map<String, HealthAnnotations> read = new HashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        Set<HealthTarget> targets = new LinkedHashSet<>();
        for (VirtualService vs : plan.services()) {
            Service service = services.get(vs.service());
            if (service == null) {
                continue;
            }
            HealthAnnotations annotations = read.computeIfAbsent(vs.service(), k -> {
                HealthAnnotations a = HealthAnnotations.of(service, defaults);
                problems.addAll(a.problems());
                return a;
            });
            HealthSpec spec = annotations.spec(vs.key().protocol());
            if (spec.check() == HealthCheck.NONE) {
                continue;
            }
            for (LbBackend b : vs.backends()) {
                targets.add(new HealthTarget(b.address(), b.port(), spec));
            }
        }
        return new HealthTargets(new ArrayList<>(targets), problems);
    }
}
