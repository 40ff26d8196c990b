/**
 * Frames on the load balancer's data path: reading one Ethernet frame without allocating, rewriting it for L2
 * direct server return, and wrapping it in an outer IP header for backends on another segment.
 */
package edgebox.lb.frame;
