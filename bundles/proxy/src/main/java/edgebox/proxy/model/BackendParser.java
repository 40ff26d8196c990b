package edgebox.proxy.model;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads and checks ReferenceGrants, Services, EndpointSlices and Secrets (TLS and Opaque). */
final class BackendParser {

    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final long MAX_SECRET_BYTES = 1 << 20;

    static final String[] HOSTNAME_ANNOTATIONS = {"coredns.io/hostname",
        "external-dns.alpha.kubernetes.io/hostname"};

    private BackendParser() {
    }

    static ReferenceGrant referenceGrant(Meta meta, In spec) {
        List<ReferenceGrant.From> from = new ArrayList<>();
        for (In f : spec.list("from", 16)) {
            String group = f.str("group");
            String kind = f.required("kind");
            String ns = f.required("namespace");
            if (group == null) {
                f.problem("group", "is required");
            }
            from.add(new ReferenceGrant.From(group == null ? "" : group, kind == null ? "" : kind,
                    ns == null ? "" : ns));
        }
        List<ReferenceGrant.To> to = new ArrayList<>();
        for (In t : spec.list("to", 16)) {
            String group = t.str("group");
            String kind = t.required("kind");
            if (group == null) {
                t.problem("group", "is required");
            }
            to.add(new ReferenceGrant.To(group == null ? "" : group, kind == null ? "" : kind, t.str("name", "")));
        }
        if (from.isEmpty()) {
            spec.problem("from", "at least one entry is required");
        }
        if (to.isEmpty()) {
            spec.problem("to", "at least one entry is required");
        }
        return new ReferenceGrant(meta, from, to);
    }

    static Service service(Meta meta, In root) {
        In spec = root.at("spec");
        String type = spec.oneOf("type", "ClusterIP", "ClusterIP", "NodePort", "LoadBalancer", "ExternalName");
        List<Service.Port> ports = new ArrayList<>();
        List<In> items = spec.list("ports", 64);
        for (In p : items) {
            String name = p.str("name", "");
            if (items.size() > 1 && name.isEmpty()) {
                p.problem("name", "is required when a Service has more than one port");
            }
            int port = p.integer("port", 1, 65535, 0);
            if (!p.has("port")) {
                p.problem("port", "is required");
            }
            p.oneOf("protocol", "TCP", "TCP", "UDP", "SCTP");
            ports.add(new Service.Port(name, port, p.str("appProtocol", "")));
        }
        List<String> addresses = new ArrayList<>();
        address(spec, "loadBalancerIP", addresses);
        for (In ip : spec.list("externalIPs", 16)) {
            literal(ip, addresses);
        }
        for (In ingress : root.at("status").at("loadBalancer").list("ingress", 16)) {
            address(ingress, "ip", addresses);
        }
        List<String> hostnames = new ArrayList<>();
        for (String key : HOSTNAME_ANNOTATIONS) {
            String value = meta.annotations().get(key);
            if (value == null) {
                continue;
            }
            for (String h : value.split(",")) {
                String host = h.trim().toLowerCase(java.util.Locale.ROOT);
                if (host.endsWith(".")) {
                    host = host.substring(0, host.length() - 1);
                }
                if (!Parser.HOSTNAME.matcher(host).matches()) {
                    root.at("metadata").problem("annotations[" + key + "]", "\"" + host + "\" is not a hostname");
                } else if (!hostnames.contains(host)) {
                    hostnames.add(host);
                }
            }
        }
        return new Service(meta, type, ports, addresses, hostnames);
    }

    private static void address(In node, String key, List<String> out) {
        if (node.has(key)) {
            literal(node.at(key), out);
        }
    }

    private static void literal(In node, List<String> out) {
        String s = node.text();
        if (s == null) {
            return;
        }
        try {
            String a = InetAddress.ofLiteral(s).getHostAddress();
            if (!out.contains(a)) {
                out.add(a);
            }
        } catch (IllegalArgumentException e) {
            node.problem("must be an IP address, got \"" + s + "\"");
        }
    }

    static EndpointSlice endpointSlice(Meta meta, In root) {
        String service = meta.labels().get("kubernetes.io/service-name");
        if (service == null || service.isEmpty()) {
            root.at("metadata").problem("labels[kubernetes.io/service-name]", "is required (the Service it serves)");
        }
        String addressType = root.oneOf("addressType", null, "IPv4", "IPv6", "FQDN");
        if (!root.has("addressType")) {
            root.problem("addressType", "is required");
        }
        if ("FQDN".equals(addressType)) {
            root.problem("addressType", "FQDN is not supported, use IPv4 or IPv6");
        }
        List<EndpointSlice.Port> ports = new ArrayList<>();
        for (In p : root.list("ports", 100)) {
            int port = p.integer("port", 1, 65535, 0);
            if (!p.has("port")) {
                p.problem("port", "is required");
            }
            p.oneOf("protocol", "TCP", "TCP", "UDP", "SCTP");
            ports.add(new EndpointSlice.Port(p.str("name", ""), port, p.str("appProtocol", "")));
        }
        List<EndpointSlice.Endpoint> endpoints = new ArrayList<>();
        for (In e : root.list("endpoints", 1000)) {
            List<String> addresses = new ArrayList<>();
            List<In> items = e.list("addresses", 100);
            if (items.isEmpty()) {
                e.problem("addresses", "at least one address is required");
            }
            for (In a : items) {
                int before = addresses.size();
                literal(a, addresses);
                if (addresses.size() > before && addressType != null) {
                    boolean v6 = addresses.get(addresses.size() - 1).contains(":");
                    if (v6 != "IPv6".equals(addressType)) {
                        a.problem("is not an " + addressType + " address");
                    }
                }
            }
            In c = e.at("conditions");
            Boolean ready = c.bool("ready");
            Boolean serving = c.bool("serving");
            boolean r = ready == null || ready;
            endpoints.add(new EndpointSlice.Endpoint(addresses, r, serving == null ? r : serving));
        }
        return new EndpointSlice(meta, service == null ? "" : service, addressType == null ? "" : addressType,
                ports, endpoints);
    }

    /**
     * A Secret of type {@code kubernetes.io/tls} (needs tls.crt and tls.key) or {@code Opaque} (the default, as in
     * Kubernetes). Keys are checked as Kubernetes checks them, {@code data} values must be base64, and the decoded
     * total stays within Kubernetes' 1 MiB. Problems name the entry as its property is written
     * ({@code data.api-token}, {@code data[tls.crt]}), never the value.
     */
    static TlsSecret secret(Meta meta, In root) {
        String type = root.str("type", TlsSecret.OPAQUE);
        boolean tls = TlsSecret.TLS.equals(type);
        if (!tls && !TlsSecret.OPAQUE.equals(type)) {
            root.problem("type", "only Secrets of type kubernetes.io/tls or Opaque are handled by the proxy, got \""
                    + type + "\"");
        }
        long size = secretValues(root, "data", true) + secretValues(root, "stringData", false);
        if (size > MAX_SECRET_BYTES) {
            root.problem("data", "at most 1 MiB of values allowed in a Secret, got " + size + " bytes");
        }
        if (tls) {
            boolean crt = root.at("data").has("tls.crt") || root.at("stringData").has("tls.crt");
            boolean key = root.at("data").has("tls.key") || root.at("stringData").has("tls.key");
            if (!crt) {
                root.problem("data[tls.crt]", "is required");
            }
            if (!key) {
                root.problem("data[tls.key]", "is required");
            }
        }
        return new TlsSecret(meta, type);
    }

    /** Checks the entries of {@code data} (base64) or {@code stringData}; the decoded size of their values. */
    private static long secretValues(In root, String map, boolean base64) {
        In node = root.at(map);
        if (!node.present()) {
            return 0;
        }
        if (!(node.raw() instanceof Map<?, ?> entries)) {
            node.problem("must be an object");
            return 0;
        }
        long size = 0;
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            String key = String.valueOf(e.getKey());
            String field = entry(map, key);
            if (key.length() > 253 || !SECRET_KEY.matcher(key).matches()) {
                root.problem(field, "a key must be at most 253 letters, digits, '-', '_' or '.'");
            }
            Object value = e.getValue();
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                root.problem(field, "must be a value, not " + (value instanceof List<?> ? "a list" : "an object"));
            } else if (value != null && base64) {
                try {
                    size += Base64.getDecoder().decode(
                            WHITESPACE.matcher(String.valueOf(value)).replaceAll("")).length;
                } catch (IllegalArgumentException bad) {
                    root.problem(field, "not base64: " + bad.getMessage());
                }
            } else if (value != null) {
                size += String.valueOf(value).getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return size;
    }

    /** An entry's property name: {@code data.KEY}, or {@code data[KEY]} for a key with a dot or only digits. */
    private static String entry(String map, String key) {
        boolean plain = !key.isEmpty() && key.indexOf('.') < 0 && !key.chars().allMatch(Character::isDigit);
        return plain ? map + "." + key : map + "[" + key + "]";
    }
}
