package edgebox.dns;

import edgebox.dns.server.DnsServer;

/**
 * Where the DNS listeners stand: bound ({@code listening} says where), refused ({@code error} says why), or neither,
 * between the two halves of a rebind for a new configuration. {@code endpoint} is the configured address and port;
 * {@code server} is what to close.
 */
record Binding(String endpoint, DnsServer server, String listening, String error) {

    static Binding bound(String endpoint, DnsServer server) {
        String sockets = server.udpSockets() > 1 ? " (" + server.udpSockets() + " sockets)" : "";
        return new Binding(endpoint, server, "udp " + server.udpAddress() + sockets + ", tcp " + server.tcpAddress(),
                null);
    }

    static Binding refused(String endpoint, String error) {
        return new Binding(endpoint, null, null, error);
    }

    static Binding rebinding(String endpoint) {
        return new Binding(endpoint, null, null, null);
    }

    /** Where the listeners are bound, or why not. */
    String text() {
        return listening != null ? listening : endpoint + " not listening: " + error;
    }
}
