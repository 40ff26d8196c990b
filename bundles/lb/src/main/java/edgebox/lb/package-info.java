/** The DSR load balancer: Maglev tables, the connection table and the frame path (private to the bundle). */
package edgebox.lb;
