/** The caching forwarder: per-domain upstreams, UDP with TCP on truncation, DoT, failover, serve-stale. */
package edgebox.dns.forward;
