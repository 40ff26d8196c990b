/** Split DNS: the box's answers (ACME challenges, zones, gateway hostnames, rewrites, blocklists) and a caching forwarder. */
package edgebox.dns;
