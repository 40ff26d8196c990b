package edgebox.policy.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import edgebox.policy.model.DnsRule;
import edgebox.policy.model.HeaderMatch;
import edgebox.policy.model.HttpRule;
import edgebox.policy.model.PortRange;
import edgebox.policy.model.PortRule;
import edgebox.policy.model.Protocol;

/** Reads Cilium toPorts entries (their rules.dns with {@link DnsRules}) and the ports of a NetworkPolicy. */
final class Ports {

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private static final String NAMED_PORT = "named ports are not supported: the box knows no pod's port names,"
            + " write the port number";

    private Ports() {
    }

    /** A toPorts entry of an ingress ({@code deny} false) or ingressDeny rule. */
    static PortRule toPorts(In node, boolean deny) {
        node.only(List.of("ports", "rules"), Map.of(
                "listener", "Envoy listener references are not supported",
                "originatingTLS", "TLS interception is not supported",
                "terminatingTLS", "TLS interception is not supported",
                "serverNames", "server name rules are not supported"));
        List<In> items = node.list("ports");
        List<PortRange> ports = new ArrayList<>();
        List<In> kept = new ArrayList<>();
        for (In p : items) {
            p.only(List.of("port", "endPort", "protocol"), Map.of());
            PortRange r = range(p, Protocol.ANY);
            if (r != null) {
                ports.add(r);
                kept.add(p);
            }
        }
        if (items.isEmpty()) {
            ports.add(PortRange.every(Protocol.ANY));
        }
        if (!node.has("rules")) {
            return new PortRule(ports, List.of());
        }
        if (deny) {
            node.problem("rules", "deny rules take no L7 rules");
            return new PortRule(ports, List.of());
        }
        In rules = node.at("rules");
        rules.only(List.of("http", "dns"), Map.of(
                "kafka", "Kafka rules are not supported: only HTTP and DNS",
                "l7proto", "L7 protocol parsers are not supported: only HTTP and DNS",
                "l7", "L7 protocol parsers are not supported: only HTTP and DNS",
                "HTTP", "write http in lower case: the Kubernetes API drops HTTP from a Cilium policy"));
        if (rules.has("http") && rules.has("dns")) {
            rules.problem("dns", "cannot be combined with http: a port rule takes one L7 protocol");
            return new PortRule(ports, List.of());
        }
        if (rules.has("dns")) {
            List<DnsRule> dns = DnsRules.read(rules);
            if (!dns.isEmpty()) {
                DnsRules.checkPorts(node, kept, ports);
            }
            return new PortRule(ports, List.of(), dns);
        }
        List<HttpRule> http = http(rules);
        if (http.isEmpty()) {
            return new PortRule(ports, http);
        }
        if (items.isEmpty()) {
            node.problem("ports", "HTTP rules need the TCP ports they apply to");
        }
        for (int i = 0; i < kept.size(); i++) {
            if (ports.get(i).protocol() != Protocol.TCP) {
                kept.get(i).problem("protocol", "HTTP rules apply to TCP only, got " + ports.get(i).protocol());
            }
        }
        return new PortRule(ports, http);
    }

    /** A NetworkPolicy ports entry: {@code port} (absent: every port), {@code endPort}, {@code protocol}. */
    static PortRange networkPolicyPort(In node) {
        node.only(List.of("port", "endPort", "protocol"), Map.of());
        return range(node, Protocol.TCP);
    }

    private static PortRange range(In node, Protocol otherwise) {
        Protocol protocol = protocol(node, otherwise);
        In portNode = node.at("port");
        if (portNode.name()) {
            portNode.problem(NAMED_PORT);
            return null;
        }
        Long port = portNode.number();
        Long end = node.at("endPort").number();
        if (port != null && port > 65535) {
            portNode.problem("must be 0-65535, got " + port);
            return null;
        }
        int first = port == null ? PortRange.ANY_PORT : port.intValue();
        if (end == null) {
            return protocol == null || portNode.present() && port == null ? null
                    : new PortRange(first, first, protocol);
        }
        if (first == PortRange.ANY_PORT) {
            node.problem("endPort", "needs a port to start from");
            return null;
        }
        if (end < first || end > 65535) {
            node.problem("endPort", "must be " + first + "-65535, got " + end);
            return null;
        }
        return protocol == null ? null : new PortRange(first, end.intValue(), protocol);
    }

    private static Protocol protocol(In node, Protocol otherwise) {
        String p = node.str("protocol");
        if (p == null) {
            return otherwise;
        }
        switch (p) {
            case "TCP", "UDP", "ANY" -> {
                if (p.equals("ANY") && otherwise == Protocol.TCP) {
                    node.problem("protocol", "must be TCP, UDP or SCTP, got \"ANY\"");
                    return null;
                }
                return Protocol.valueOf(p);
            }
            case "SCTP", "VRRP", "IGMP" -> node.problem("protocol", p + " is not supported: the box enforces TCP and"
                    + " UDP only");
            default -> node.problem("protocol", "must be TCP, UDP or ANY, got \"" + p + "\"");
        }
        return null;
    }

    private static List<HttpRule> http(In rules) {
        List<HttpRule> out = new ArrayList<>();
        for (In h : rules.list("http")) {
            h.only(List.of("method", "path", "headers"), Map.of(
                    "host", "host rules are not supported: select the route's hostname on the Gateway",
                    "headerMatches", "headerMatches are not supported: use headers"));
            String method = regex(h, "method");
            String path = regex(h, "path");
            List<HeaderMatch> headers = new ArrayList<>();
            for (In header : h.list("headers")) {
                HeaderMatch m = header(header);
                if (m != null) {
                    headers.add(m);
                }
            }
            out.add(new HttpRule(method, path, headers));
        }
        return out;
    }

    private static String regex(In node, String key) {
        String s = node.str(key);
        if (s == null) {
            return "";
        }
        try {
            Pattern.compile(s);
            return s;
        } catch (PatternSyntaxException e) {
            node.problem(key, "is not a valid regular expression: " + e.getDescription());
            return "";
        }
    }

    /** {@code "Name: value"} or {@code "Name"}. */
    private static HeaderMatch header(In node) {
        String text = node.text();
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        String name = (colon < 0 ? text : text.substring(0, colon)).strip();
        if (!HEADER_NAME.matcher(name).matches()) {
            node.problem("must be \"Name: value\" or \"Name\" with a header name, got \"" + text + "\"");
            return null;
        }
        return colon < 0 ? new HeaderMatch(name, true, "") : new HeaderMatch(name, false, text.substring(colon + 1)
                .strip());
    }
}
