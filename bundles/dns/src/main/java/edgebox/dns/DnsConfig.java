package edgebox.dns;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * PID {@code edgebox.dns}: where the server listens, its protocol limits, who may have names forwarded, rate
 * limiting and the query log. The answer sources are factory configurations of their own ({@code edgebox.dns.zone},
 * {@code edgebox.dns.rewrite}, {@code edgebox.dns.blocklist}) and the forwarder's is {@code edgebox.dns.forward}.
 * The chain answers in this order: ACME challenge TXT, authoritative zones, gateway (route) hostnames, rewrites,
 * blocklists, forwarding.
 */
@ObjectClassDefinition(name = "edgebox DNS", description = "DNS server: listeners, limits, recursion networks, "
        + "rate limiting, query log")
public @interface DnsConfig {

    @AttributeDefinition(description = "IP addresses the UDP and TCP listeners bind, each on the same port; "
            + "empty: address, or 127.0.0.1", required = false)
    String[] addresses() default {};

    @AttributeDefinition(description = "The single listening address of earlier versions; still honoured alone, "
            + "and with addresses only when it is one of them", required = false)
    String address() default "";

    @AttributeDefinition(description = "Port of the UDP and TCP listeners")
    int port() default 5353;

    @AttributeDefinition(description = "EDNS0 UDP payload size offered and honoured at most (bytes, 512-4096)")
    int udpPayload() default 1232;

    @AttributeDefinition(description = "Largest query accepted (bytes); larger ones are dropped, or close a TCP "
            + "connection")
    int maxQueryBytes() default 1232;

    @AttributeDefinition(description = "Seconds a TCP connection may stay idle before it is closed")
    int tcpIdleSeconds() default 10;

    @AttributeDefinition(description = "Client networks (CIDRs) whose queries may be forwarded; 'local' stands for "
            + "the networks of the box's own interfaces. Others get REFUSED for names no local source answers")
    String[] recursionNetworks() default {"127.0.0.0/8", "::1/128", "local"};

    @AttributeDefinition(description = "UDP responses per second per client network (IPv4 /24, IPv6 /56); 0 = no "
            + "limit")
    int rrl() default 200;

    @AttributeDefinition(description = "Beyond the rate, every rrlSlip-th response is sent truncated (TC) instead "
            + "of dropped; 0 = drop all")
    int rrlSlip() default 2;

    @AttributeDefinition(description = "Whether clients of the recursion networks are exempt from rate limiting")
    boolean rrlExemptRecursionNetworks() default true;

    @AttributeDefinition(description = "JSON query log to the logger edgebox.dns.query",
            options = {@Option(label = "off", value = "off"), @Option(label = "on", value = "on")})
    String queryLog() default "off";

    @AttributeDefinition(description = "Share of queries logged when the query log is on (0 to 1)")
    double querySampling() default 1.0;

    @AttributeDefinition(description = "Domains the gateway answers are authoritative for (SOA, NS, NXDOMAIN for "
            + "names no route has), e.g. ragas.cc", required = false)
    String[] gatewayDomains() default {};

    @AttributeDefinition(description = "TTL of gateway (route hostname) answers, seconds")
    int gatewayTtl() default 60;

    @AttributeDefinition(description = "TTL of rewrite and blocklist answers, seconds")
    int localTtl() default 10;
}
