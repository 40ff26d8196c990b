package edgebox.dns;

import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

import edgebox.api.net.Cidr;
import edgebox.dns.answer.Networks;

/**
 * {@link DnsConfig} checked once: every field in range, the recursion networks parsed ({@code local} expanded to the
 * networks of the box's interfaces), the gateway domains as names. IllegalArgumentException names the field.
 * The listening addresses are {@code addresses}; the older single {@code address} alone stands for a list of one.
 */
record Settings(List<String> addresses, int port, int udpPayload, int maxQueryBytes, int tcpIdleSeconds, List<Cidr> recursion,
        int rrl, int rrlSlip, boolean rrlExemptRecursion, boolean queryLog, double sampling, List<Name> gatewayDomains,
        int gatewayTtl, int localTtl) {

    static final String PID = "edgebox.dns";

    static Settings from(DnsConfig c, List<String> localNetworks) {
        List<String> addresses = addresses(c);
        range("port", c.port(), 0, 65535);
        range("udpPayload", c.udpPayload(), 512, 4096);
        range("maxQueryBytes", c.maxQueryBytes(), 17, 65535);
        range("tcpIdleSeconds", c.tcpIdleSeconds(), 1, 3600);
        range("rrl", c.rrl(), 0, 1_000_000);
        range("rrlSlip", c.rrlSlip(), 0, 100);
        range("gatewayTtl", c.gatewayTtl(), 0, 86400);
        range("localTtl", c.localTtl(), 0, 86400);
        if (!(c.querySampling() >= 0 && c.querySampling() <= 1)) {
            throw new IllegalArgumentException(PID + ": querySampling: " + c.querySampling() + " is not within 0 to 1");
        }
        if (!c.queryLog().equals("on") && !c.queryLog().equals("off")) {
            throw new IllegalArgumentException(PID + ": queryLog: \"" + c.queryLog() + "\": off or on");
        }
        List<String> networks = new ArrayList<>();
        for (String n : list(c.recursionNetworks())) {
            if (n.trim().equals("local")) {
                networks.addAll(localNetworks);
            } else {
                networks.add(n);
            }
        }
        List<Name> domains = new ArrayList<>();
        for (String d : list(c.gatewayDomains())) {
            try {
                if (!d.isBlank()) {
                    domains.add(Name.fromString(d.trim(), Name.root));
                }
            } catch (TextParseException e) {
                throw new IllegalArgumentException(PID + ": gatewayDomains: \"" + d + "\": " + e.getMessage(), e);
            }
        }
        return new Settings(addresses, c.port(), c.udpPayload(), c.maxQueryBytes(), c.tcpIdleSeconds(),
                Networks.parse(PID + ": recursionNetworks", networks), c.rrl(), c.rrlSlip(),
                c.rrlExemptRecursionNetworks(), c.queryLog().equals("on"), c.querySampling(), List.copyOf(domains),
                c.gatewayTtl(), c.localTtl());
    }

    private static List<String> addresses(DnsConfig c) {
        List<String> listed = list(c.addresses());
        String single = c.address().strip();
        if (!single.isEmpty()) {
            Networks.address(PID + ": address", single);
        }
        if (listed.isEmpty()) {
            return List.of(single.isEmpty() ? "127.0.0.1" : single);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            String field = PID + ": addresses[" + i + "]";
            java.net.InetAddress a = Networks.address(field, listed.get(i));
            for (int j = 0; j < i; j++) {
                if (Networks.address(field, listed.get(j)).equals(a)) {
                    throw new IllegalArgumentException(field + ": " + listed.get(i) + " is listed twice");
                }
            }
            out.add(listed.get(i));
        }
        if (!single.isEmpty() && out.stream().noneMatch(a -> Networks.address(PID, a).equals(
                Networks.address(PID, single)))) {
            throw new IllegalArgumentException(PID + ": address: " + single + " is not among addresses " + out
                    + "; the single address is the older form: list it in addresses or remove it");
        }
        return List.copyOf(out);
    }

    /**
     * A list value's elements, each split at commas and trimmed: Config Admin holds a list as one string when its
     * file was applied before the metatype was known.
     */
    static List<String> list(String[] values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(PID + ": " + field + ": " + value + " is not within " + min + " to "
                    + max);
        }
    }

    /** The networks of the box's interfaces, as CIDRs (link-local ones included: they are the segment too). */
    static List<String> localNetworks() {
        List<String> out = new ArrayList<>();
        try {
            var interfaces = java.net.NetworkInterface.getNetworkInterfaces();
            for (int i = 0; i < 1024 && interfaces != null && interfaces.hasMoreElements(); i++) {
                java.net.NetworkInterface ni = interfaces.nextElement();
                for (java.net.InterfaceAddress a : ni.getInterfaceAddresses()) {
                    if (a.getAddress() != null && a.getNetworkPrefixLength() >= 0) {
                        String host = a.getAddress().getHostAddress();
                        int pct = host.indexOf('%');
                        out.add((pct < 0 ? host : host.substring(0, pct)) + "/" + a.getNetworkPrefixLength());
                    }
                }
            }
        } catch (java.net.SocketException e) {
            System.getLogger(PID).log(System.Logger.Level.WARNING, "edgebox.dns: interfaces not readable, 'local' "
                    + "recursion networks left out: " + e.getMessage());
        }
        return out;
    }
}
