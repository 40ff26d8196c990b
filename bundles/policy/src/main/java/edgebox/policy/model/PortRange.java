package edgebox.policy.model;

import java.util.Objects;

/**
 * Ports {@code port..endPort} of a protocol. Port 0 stands for every port (as Cilium writes it); a lone port has
 * {@code endPort == port}.
 */
public record PortRange(int port, int endPort, Protocol protocol) {

    public static final int ANY_PORT = 0;

    public PortRange {
        Objects.requireNonNull(protocol, "protocol");
        if (port < 0 || port > 65535 || endPort < port || endPort > 65535) {
            throw new IllegalArgumentException("ports " + port + ".." + endPort);
        }
    }

    public static PortRange every(Protocol protocol) {
        return new PortRange(ANY_PORT, ANY_PORT, protocol);
    }

    public boolean anyPort() {
        return port == ANY_PORT;
    }
}
