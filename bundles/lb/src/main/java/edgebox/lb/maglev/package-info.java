/**
 * Maglev consistent hashing for the DSR load balancer: the table builder, the flow hash and the connection
 * table. Plain classes with no framework types; the control plane builds tables, the data path looks them up.
 */
package edgebox.lb.maglev;
