package edgebox.proxy.route;

import java.util.List;

/** What the compiler made of each Gateway and route, as {@code kubectl describe} would show it. */
public record Status(List<GatewayStatus> gateways, List<RouteStatus> routes) {

    public static final Status EMPTY = new Status(List.of(), List.of());

    public Status {
        gateways = List.copyOf(gateways);
        routes = List.copyOf(routes);
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

    /** One parentRef's conditions. */
    public record ParentStatus(String parentRef, List<Condition> conditions) {

        public ParentStatus {
            conditions = List.copyOf(conditions);
        }
    }
}
