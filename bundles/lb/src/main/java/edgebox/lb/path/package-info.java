/**
 * The load balancer's per-frame data path: an immutable {@link edgebox.lb.path.ForwardingTable} compiled from the
 * plan off the data path, and the {@link edgebox.lb.path.Forwarder} that only looks it up, one per port thread.
 */
package edgebox.lb.path;
