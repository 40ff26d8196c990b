package edgebox.proxy.console;

import java.util.List;

import edgebox.proxy.balance.EndpointStatus;

import edgebox.proxy.route.Status;
import edgebox.proxy.route.Status.Condition;

/** Formats the compiler's status as {@code kubectl describe} would show it. Only formats. */
final class StatusFormat {

    private StatusFormat() {
    }

    static String gateways(long version, Status status) {
        StringBuilder b = new StringBuilder();
        b.append("snapshot version ").append(version).append(", ").append(status.gateways().size())
                .append(" gateway(s)\n");
        for (Status.GatewayStatus g : status.gateways()) {
            b.append("\nGateway ").append(g.key()).append("\n");
            b.append("  Class:      ").append(g.className()).append(g.ours() ? "" : " (not ours: ignored)")
                    .append("\n");
            if (!g.ours()) {
                continue;
            }
            b.append("  Addresses:  ").append(String.join(", ", g.addresses())).append("\n");
            conditions(b, "  ", g.conditions());
            b.append("  Listeners:\n");
            for (Status.ListenerStatus l : g.listeners()) {
                b.append("    ").append(l.name()).append(": ").append(l.protocol()).append(" port ").append(l.port())
                        .append(" hostname ").append(l.hostname().isEmpty() ? "*" : l.hostname())
                        .append(" attachedRoutes ").append(l.attachedRoutes()).append("\n");
                conditions(b, "      ", l.conditions());
            }
        }
        return b.toString();
    }

    /** Routes whose {@code namespace/name} or name equals {@code name}; every route when it is empty. */
    static String routes(Status status, String name) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (Status.RouteStatus r : status.routes()) {
            if (!name.isEmpty() && !r.key().equals(name) && !r.key().endsWith("/" + name)) {
                continue;
            }
            n++;
            b.append(r.kind()).append(" ").append(r.key()).append("\n");
            b.append("  Hostnames:  ").append(r.hostnames().isEmpty() ? "(none served)"
                    : String.join(", ", r.hostnames())).append("\n");
            b.append("  Parents:\n");
            for (Status.ParentStatus p : r.parents()) {
                b.append("    ").append(p.parentRef()).append("\n");
                conditions(b, "      ", p.conditions());
            }
            b.append("\n");
        }
        int policies = 0;
        for (Status.PolicyStatus p : status.policies()) {
            if (!name.isEmpty() && !p.key().equals(name) && !p.key().endsWith("/" + name)) {
                continue;
            }
            policies++;
            b.append(p.kind()).append(" ").append(p.key()).append("\n");
            b.append("  Targets:    ").append(p.targets().isEmpty() ? "(none)" : String.join(", ", p.targets()))
                    .append("\n");
            conditions(b, "  ", p.conditions());
            b.append("\n");
        }
        if (n == 0 && policies == 0) {
            return name.isEmpty() ? "no routes\n" : "no route named " + name + "\n";
        }
        return b.append(n).append(" route(s)").append(policies == 0 ? "" : ", " + policies + " policy(ies)")
                .append("\n").toString();
    }

    /** One line per endpoint: requests in flight, connections open and requests waiting for one, health. */
    static String endpoints(List<EndpointStatus> endpoints) {
        if (endpoints.isEmpty()) {
            return "no endpoints\n";
        }
        StringBuilder b = new StringBuilder();
        b.append(pad("CLUSTER", 28)).append(pad("ENDPOINT", 24)).append(pad("IN-FLIGHT", 10))
                .append(pad("CONNECTIONS", 12)).append(pad("WAITING", 8)).append("STATE\n");
        for (EndpointStatus e : endpoints) {
            String state = !e.ready() ? "not ready" : e.ejected() ? "ejected (" + e.timesEjected() + "x)"
                    : !e.healthy() ? "unhealthy" : "ok";
            b.append(pad(e.cluster(), 28)).append(pad(e.address().getAddress().getHostAddress() + ":"
                    + e.address().getPort(), 24)).append(pad(String.valueOf(e.inFlight()), 10))
                    .append(pad(String.valueOf(e.connections()), 12)).append(pad(String.valueOf(e.waiting()), 8))
                    .append(state).append("\n");
        }
        return b.append(endpoints.size()).append(" endpoint(s)\n").toString();
    }

    private static void conditions(StringBuilder b, String indent, List<Condition> conditions) {
        b.append(indent).append("Conditions:\n");
        for (Condition c : conditions) {
            b.append(indent).append("  ").append(pad(c.type(), 13)).append(pad(c.status() ? "True" : "False", 6))
                    .append(c.reason());
            if (!c.message().isEmpty()) {
                b.append(": ").append(c.message());
            }
            b.append("\n");
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
