package edgebox.proxy.route;

import java.util.List;

/** What the compiler made of each Gateway and route, as {@code kubectl describe} would show it. */
public record Status(List<GatewayStatus> gateways, List<RouteStatus> routes, List<PolicyStatus> policies) {

    public static final Status EMPTY = new Status(List.of(), List.of(), List.of());

    public Status {
        gateways = List.copyOf(gateways);
        routes = List.copyOf(routes);
        policies = List.copyOf(policies);
    }

    public Status(List<GatewayStatus> gateways, List<RouteStatus> routes) {
        this(gateways, routes, List.of());
    }

    /** A condition: type, status, reason, message. */
    public record Condition(String type, boolean status, String reason, String message) {
    }

    /** {@code ours} is false for a Gateway of another class (ignored, no conditions). */
    public record GatewayStatus(String key, String className, boolean ours, List<String> addresses,
            List<Condition> conditions, List<ListenerStatus> listeners) {

        public GatewayStatus {
            addresses = List.copyOf(addresses);
            conditions = List.copyOf(conditions);
            listeners = List.copyOf(listeners);
        }
    }

    public record ListenerStatus(String name, int port, String protocol, String hostname, int attachedRoutes,
            List<Condition> conditions) {

        public ListenerStatus {
            conditions = List.copyOf(conditions);
        }
    }

    public record RouteStatus(String kind, String key, List<String> hostnames, List<ParentStatus> parents) {

        public RouteStatus {
            hostnames = List.copyOf(hostnames);
            parents = List.copyOf(parents);
        }
    }

    /** A policy ({@code BackendTLSPolicy}): the targets it governs ({@code ns/service[/port]}) and its conditions. */
    public record PolicyStatus(String kind, String key, List<String> targets, List<Condition> conditions) {

        public PolicyStatus {
            targets = List.copyOf(targets);
            conditions = List.copyOf(conditions);
        }
    }

    /** One parentRef's conditions. */
    public record ParentStatus(String parentRef, List<Condition> conditions) {

        public ParentStatus {
            conditions = List.copyOf(conditions);
        }
    }
}
