/**
 * The load balancer's engine: one port and one thread per interface, the forwarding table built per plan and
 * swapped on every port, and {@link edgebox.lb.engine.LbEngine}, the facade the component drives.
 */
package edgebox.lb.engine;
