/** The forwarder's answer cache: TTL clamping, negative caching, serve-stale windows and bounded size. */
package edgebox.dns.cache;
