package edgebox.lb.path;

import edgebox.lb.frame.DropReason;

/** Why the forwarder did not forward a frame: the frame reader's reasons, then the forwarder's own. */
public enum Drop {
    TRUNCATED,
    UNSUPPORTED_ETHERTYPE,
    BAD_IP_HEADER,
    TOO_MANY_EXTENSION_HEADERS,
    BAD_L4_HEADER,
    BAD_EMBEDDED_PACKET,
    TOO_BIG,
    /** A frame to a VIP that is addressed to another MAC (seen only when the interface is promiscuous). */
    NOT_TO_THIS_PORT,
    /** No virtual service on the destination address, port and protocol (later fragments carry no ports). */
    NO_SERVICE,
    /** The service has no ACTIVE backend for a new flow. */
    NO_BACKEND,
    /** The backend's (or the next hop's) MAC address is not known yet, or no longer. */
    NEIGHBOUR_UNRESOLVED,
    /** The backend is on none of the port's subnets and no router is set for its family. */
    NO_ROUTE,
    /**
     * The policy decision point refused the new flow, or admitted it only with L7 rules, which the load balancer
     * cannot apply (it never sees the requests).
     */
    POLICY_DENIED,
    /** The policy decision point threw on a new flow; the flow is refused. */
    POLICY_FAILED,
    /** The port refused the frame. */
    SEND_FAILED;

    private static final Drop[] BY_REASON = new Drop[DropReason.values().length];

    static {
        for (DropReason reason : DropReason.values()) {
            BY_REASON[reason.ordinal()] = valueOf(reason.name());
        }
    }

    /** The drop of a frame reader's reason; allocates nothing. */
    public static Drop of(DropReason reason) {
        return BY_REASON[reason.ordinal()];
    }
}
