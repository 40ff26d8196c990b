/**
 * Neighbour resolution for the load balancer's ports: ARP (IPv4) and neighbour discovery (IPv6) for the backends
 * and next hops of the current forwarding table. Thread-confined to a port's thread, which receives the replies.
 */
package edgebox.lb.neigh;
