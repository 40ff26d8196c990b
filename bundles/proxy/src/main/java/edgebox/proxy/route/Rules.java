package edgebox.proxy.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import edgebox.api.objects.Refs.BackendRef;
import edgebox.api.objects.Route;
import edgebox.api.objects.Route.Filter;
import edgebox.api.objects.Route.HeaderModifier;
import edgebox.api.objects.Route.Match;
import edgebox.api.objects.Route.PathType;
import edgebox.api.objects.Route.Redirect;
import edgebox.api.objects.Route.Rewrite;
import edgebox.api.objects.Route.Rule;
import edgebox.proxy.route.RouteDecision.HeaderChanges;
import edgebox.proxy.route.RouteDecision.Mirror;
import edgebox.proxy.route.RouteDecision.Retry;
import edgebox.proxy.route.RouteDecision.Timeouts;
import edgebox.proxy.route.RouteDecision.WeightedClusters;
import edgebox.proxy.route.Status.Condition;

/**
 * One route's rules compiled once, whatever listeners it attaches to: matches, actions with resolved backends, and
 * the ResolvedRefs condition (the first unresolved reference names the reason).
 */
final class Rules {

    private final Route route;
    private final List<List<CompiledMatch>> matches = new ArrayList<>();
    private final List<RuleAction> actions = new ArrayList<>();
    private final List<RouteDecision.Passthrough> passthrough = new ArrayList<>();
    private String reason = "";
    private String message = "";

    private Rules(Route route) {
        this.route = route;
    }

    static Rules compile(Route route, Backends backends) {
        Rules r = new Rules(route);
        String key = route.meta().key();
        List<Rule> rules = route.rules();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            List<CompiledMatch> ms = new ArrayList<>();
            for (Match m : rule.matches()) {
                ms.add(new CompiledMatch(m));
            }
            r.matches.add(ms);
            WeightedClusters weighted = r.weighted(rule.backendRefs(), backends);
            if (Route.TLS.equals(route.kind())) {
                r.passthrough.add(new RouteDecision.Passthrough(key, weighted));
                continue;
            }
            r.actions.add(r.action(key, i, rule, weighted, backends));
        }
        return r;
    }

    private WeightedClusters weighted(List<BackendRef> refs, Backends backends) {
        List<Cluster> clusters = new ArrayList<>();
        List<Integer> cumulative = new ArrayList<>();
        int total = 0;
        for (BackendRef ref : refs) {
            Backends.Resolved resolved = backends.resolve(route.kind(), route.meta().namespace(), ref);
            note(resolved);
            if (ref.weight() > 0) {
                total += ref.weight();
                clusters.add(resolved.cluster());
                cumulative.add(total);
            }
        }
        return new WeightedClusters(clusters, cumulative.stream().mapToInt(Integer::intValue).toArray());
    }

    private void note(Backends.Resolved resolved) {
        if (reason.isEmpty() && !resolved.reason().isEmpty()) {
            reason = resolved.reason();
            message = resolved.message();
        }
    }

    private RuleAction action(String key, int index, Rule rule, WeightedClusters weighted, Backends backends) {
        String prefix = rule.matches().size() == 1 && rule.matches().get(0).pathType() == PathType.PREFIX
                ? matches.get(index).get(0).path : "";
        Rewrite rewrite = null;
        HeaderChanges request = HeaderChanges.NONE;
        HeaderChanges response = HeaderChanges.NONE;
        List<Mirror> mirrors = new ArrayList<>();
        for (Filter f : rule.filters()) {
            switch (f) {
                case Redirect redirect -> {
                    return RuleAction.redirect(key, index, redirect, prefix);
                }
                case Rewrite w -> rewrite = w;
                case HeaderModifier h when h.response() -> response = changes(h);
                case HeaderModifier h -> request = changes(h);
                case Route.Mirror m -> {
                    Backends.Resolved resolved = backends.resolve(route.kind(), route.meta().namespace(),
                            m.backendRef());
                    note(resolved);
                    if (resolved.reason().isEmpty()) {
                        mirrors.add(new Mirror(resolved.cluster(), m.percent()));
                    }
                }
            }
        }
        if (rule.backendRefs().isEmpty()) {
            return RuleAction.respond(key, index, 500, "rule has no backendRefs");
        }
        if (weighted.clusters().isEmpty()) {
            return RuleAction.respond(key, index, 500, "all backendRefs have weight 0");
        }
        Timeouts timeouts = rule.requestTimeout() == null && rule.backendTimeout() == null ? Timeouts.NONE
                : new Timeouts(nonZero(rule.requestTimeout()), nonZero(rule.backendTimeout()));
        Retry retry = rule.retry() == null ? Retry.NONE
                : new Retry(rule.retry().codes(), rule.retry().attempts(), rule.retry().backoff());
        return RuleAction.forward(key, index, rewrite, prefix, request, response, weighted, mirrors, timeouts,
                retry);
    }

    private static Duration nonZero(Duration d) {
        return d == null || d.isZero() ? null : d;
    }

    private static HeaderChanges changes(HeaderModifier h) {
        Map<String, String> set = new LinkedHashMap<>();
        h.set().forEach(p -> set.put(p[0].toLowerCase(Locale.ROOT), p[1]));
        Map<String, String> add = new LinkedHashMap<>();
        h.add().forEach(p -> add.put(p[0].toLowerCase(Locale.ROOT), p[1]));
        Set<String> remove = new LinkedHashSet<>(h.remove());
        return new HeaderChanges(Map.copyOf(set), Map.copyOf(add), Set.copyOf(remove));
    }

    Condition resolvedRefs() {
        return reason.isEmpty() ? new Condition("ResolvedRefs", true, "ResolvedRefs", "")
                : new Condition("ResolvedRefs", false, reason, message);
    }

    /** Adds this route's entries (or passthrough target) for hostname {@code host} on listener {@code s}. */
    void addTo(ListenerState s, String host) {
        String key = route.meta().key();
        if (Route.TLS.equals(route.kind())) {
            if (!passthrough.isEmpty()) {
                s.add(host, new CompiledPort.PassthroughTarget(passthrough.get(0),
                        new Entry(null, null, route.meta().created(), route.meta().order(), key, 0, 0)));
            }
            return;
        }
        for (int i = 0; i < actions.size(); i++) {
            List<CompiledMatch> ms = matches.get(i);
            for (int m = 0; m < ms.size(); m++) {
                s.add(host, new Entry(ms.get(m), actions.get(i), route.meta().created(), route.meta().order(), key,
                        i, m));
            }
        }
    }
}
