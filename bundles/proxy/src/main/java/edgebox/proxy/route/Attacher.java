package edgebox.proxy.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.route.RouteHostname;
import edgebox.api.objects.Gateway;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.Refs;
import edgebox.api.objects.Refs.ParentRef;
import edgebox.api.objects.Route;
import edgebox.proxy.route.Status.Condition;
import edgebox.proxy.route.Status.ParentStatus;
import edgebox.proxy.route.Status.RouteStatus;

/**
 * Attaches routes to listeners through their parentRefs (sectionName, port, allowedRoutes namespaces and kinds,
 * hostname intersection), adds their entries to the listeners and says why each parentRef was or was not accepted.
 */
final class Attacher {


    private final Listeners listeners;
    private final Backends backends;
    private final ObjectSnapshot objects;
    private final Map<String, RouteHostname> hostnames = new LinkedHashMap<>();

    Attacher(Listeners listeners, Backends backends, ObjectSnapshot objects) {
        this.objects = objects;
        this.listeners = listeners;
        this.backends = backends;
    }

    List<RouteHostname> hostnames() {
        return List.copyOf(hostnames.values());
    }

    RouteStatus attach(Route route) {
        Rules rules = Rules.compile(route, backends);
        List<ParentStatus> parents = new ArrayList<>();
        Set<String> served = new LinkedHashSet<>();
        for (ParentRef ref : route.parentRefs()) {
            ParentStatus p = attach(route, ref, rules, served);
            if (p != null) {
                parents.add(p);
            }
        }
        return new RouteStatus(route.kind(), route.meta().key(), List.copyOf(served), parents);
    }

    private ParentStatus attach(Route route, ParentRef ref, Rules rules, Set<String> served) {
        if (!Refs.GATEWAY_GROUP.equals(ref.group()) || !"Gateway".equals(ref.kind())) {
            return refused(ref, "UnsupportedValue", "parentRef kind " + ref.group() + "/" + ref.kind()
                    + " is not supported");
        }
        Gateway g = listeners.gateway(ref.namespace() + "/" + ref.name());
        if (g == null) {
            return refused(ref, "NoMatchingParent", "Gateway " + ref.namespace() + "/" + ref.name() + " not found");
        }
        if (!listeners.ours(g)) {
            return null;
        }
        List<ListenerState> candidates = listeners.of(g).stream()
                .filter(s -> ref.sectionName().isEmpty() || ref.sectionName().equals(s.listener.name()))
                .filter(s -> ref.port() == 0 || ref.port() == s.listener.port()).toList();
        if (candidates.isEmpty()) {
            return refused(ref, "NoMatchingParent", "no listener of Gateway " + g.meta().key() + " has "
                    + (ref.sectionName().isEmpty() ? "" : "name " + ref.sectionName() + " ")
                    + (ref.port() == 0 ? "" : "port " + ref.port()));
        }
        List<ListenerState> allowed = candidates.stream().filter(s -> allows(s, route)).toList();
        if (allowed.isEmpty()) {
            return refused(ref, "NotAllowedByListeners", "the listeners' allowedRoutes do not admit "
                    + route.kind() + "s from namespace " + route.meta().namespace());
        }
        boolean attached = false;
        boolean programmed = false;
        for (ListenerState s : allowed) {
            List<String> hosts = effectiveHosts(s.listener.hostname(), route.hostnames());
            if (hosts.isEmpty()) {
                continue;
            }
            attached = true;
            s.attachedRoutes++;
            if (!s.programmed()) {
                continue;
            }
            programmed = true;
            for (String h : hosts) {
                rules.addTo(s, h);
                served.add(h.isEmpty() ? "*" : h);
                if (!h.isEmpty()) {
                    hostnames.putIfAbsent(h + " " + g.meta().key(), new RouteHostname(h, g.meta().key(),
                            listeners.addresses(g), route.displayName()));
                }
            }
        }
        if (!attached) {
            return refused(ref, "NoMatchingListenerHostname", "no hostname of the route intersects the hostname "
                    + "of a listener it may attach to");
        }
        List<Condition> c = new ArrayList<>();
        c.add(new Condition("Accepted", true, "Accepted", ""));
        c.add(rules.resolvedRefs());
        c.add(programmed ? new Condition("Programmed", true, "Programmed", "")
                : new Condition("Programmed", false, "Pending", "no listener it attached to is served"));
        return new ParentStatus(ref.display(), c);
    }

    private static ParentStatus refused(ParentRef ref, String reason, String message) {
        return new ParentStatus(ref.display(), List.of(new Condition("Accepted", false, reason, message)));
    }

    private boolean allows(ListenerState s, Route route) {
        if (!s.kinds.contains(route.kind())) {
            return false;
        }
        String gwNs = s.gateway.meta().namespace();
        String ns = route.meta().namespace();
        return switch (s.listener.from()) {
            case "All" -> true;
            case "Selector" -> s.listener.selector() != null
                    && s.listener.selector().matches(objects.namespaceLabels(ns));
            default -> gwNs.equals(ns);
        };
    }

    /** The route's hostnames on a listener: "" for any host; empty when none intersects. */
    static List<String> effectiveHosts(String listener, List<String> route) {
        if (route.isEmpty()) {
            return List.of(listener);
        }
        List<String> out = new ArrayList<>();
        for (String h : route) {
            String i = Hosts.intersect(listener, h);
            if (i != null && !out.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }
}
