package edgebox.policy.index;

/**
 * One port entry of rule {@code rule}: {@code protocol} is {@link PortTable#TCP}, {@link PortTable#UDP},
 * {@link PortTable#SCTP} or {@link PortTable#ANY} (all three); {@code port} 0 means every port (and every protocol
 * with ANY: an L3-only rule), else {@code port..endPort}, with {@code endPort} 0 for the port alone.
 */
public record PortTerm(int rule, int protocol, int port, int endPort) {

    public PortTerm {
        if (rule < 0) {
            throw new IllegalArgumentException("rule " + rule + ": must not be negative");
        }
        if (protocol != PortTable.TCP && protocol != PortTable.UDP && protocol != PortTable.SCTP
                && protocol != PortTable.ANY) {
            throw new IllegalArgumentException("protocol " + protocol + ": must be TCP (6), UDP (17), SCTP (132) or"
                    + " ANY (0)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + ": must be 0 (all) to 65535");
        }
        if (endPort != 0 && (port == 0 || endPort < port || endPort > 65535)) {
            throw new IllegalArgumentException("endPort " + endPort + ": must be 0 or from port " + port
                    + " to 65535, with a port");
        }
    }

    public PortTerm(int rule, int protocol, int port) {
        this(rule, protocol, port, 0);
    }

    int first() {
        return port == 0 ? 0 : port;
    }

    int last() {
        return port == 0 ? 65535 : endPort == 0 ? port : endPort;
    }

    boolean covers(int proto) {
        return protocol == PortTable.ANY || protocol == proto;
    }
}
