package edgebox.lb.plan;

/** The transport protocols the load balancer balances. */
public enum Protocol {
    TCP,
    UDP
}
