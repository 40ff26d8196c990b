package edgebox.objects.parse;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import edgebox.api.net.Cidr;
import edgebox.api.objects.EndpointSlice;
import edgebox.api.objects.Meta;
import edgebox.api.objects.ReferenceGrant;
import edgebox.api.objects.Secret;
import edgebox.api.objects.Service;
import edgebox.api.tls.TlsCertificate;

/** Reads and checks ReferenceGrants, Services, EndpointSlices and Secrets (TLS and Opaque). */
final class BackendParser {

    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final long MAX_SECRET_BYTES = 1 << 20;

    static final String[] HOSTNAME_ANNOTATIONS = {"coredns.io/hostname",
        "external-dns.alpha.kubernetes.io/hostname"};
    static final String[] LB_IPAM_ANNOTATIONS = {"lbipam.cilium.io/ips", "io.cilium/lb-ipam-ips"};

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
            String protocol = p.oneOf("protocol", "TCP", "TCP", "UDP", "SCTP");
            ports.add(new Service.Port(name, port, protocol, p.str("appProtocol", "")));
        }
        List<InetAddress> requested = new ArrayList<>();
        if (spec.has("loadBalancerIP")) {
            literal(spec.at("loadBalancerIP"), requested);
        }
        for (String key : LB_IPAM_ANNOTATIONS) {
            String value = meta.annotations().get(key);
            if (value != null) {
                for (String ip : value.split(",")) {
                    if (!ip.isBlank()) {
                        literal(root.at("metadata").at("annotations").at(key), ip.strip(), requested);
                    }
                }
            }
        }
        for (In ingress : root.at("status").at("loadBalancer").list("ingress", 16)) {
            if (ingress.has("ip")) {
                literal(ingress.at("ip"), requested);
            }
        }
        List<InetAddress> external = new ArrayList<>();
        for (In ip : spec.list("externalIPs", 16)) {
            literal(ip, external);
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
        return new Service(meta, type, ports, requested, external, hostnames, spec.stringMap("selector"));
    }

    private static void literal(In node, List<InetAddress> out) {
        String s = node.text();
        if (s != null) {
            literal(node, s, out);
        }
    }

    private static void literal(In node, String text, List<InetAddress> out) {
        try {
            InetAddress a = Cidr.address(text);
            if (!out.contains(a)) {
                out.add(a);
            }
        } catch (IllegalArgumentException e) {
            node.problem("must be an IP address, got \"" + text + "\"");
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
                endpointAddress(a, addresses);
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

    private static void endpointAddress(In node, List<String> out) {
        List<InetAddress> one = new ArrayList<>();
        literal(node, one);
        for (InetAddress a : one) {
            String text = a.getHostAddress();
            if (!out.contains(text)) {
                out.add(text);
            }
        }
    }

    /**
     * A Secret of type {@code kubernetes.io/tls} (needs tls.crt and tls.key) or {@code Opaque} (the default, as in
     * Kubernetes). Keys are checked as Kubernetes checks them, {@code data} values must be base64, and the decoded
     * total stays within Kubernetes' 1 MiB. Problems name the entry as its property is written
     * ({@code data.api-token}, {@code data[tls.crt]}), never the value.
     */
    static Secret secret(Meta meta, In root) {
        String type = root.str("type", Secret.OPAQUE);
        boolean tls = Secret.TLS.equals(type);
        if (!tls && !Secret.OPAQUE.equals(type)) {
            root.problem("type", "only Secrets of type kubernetes.io/tls or Opaque are handled, got \"" + type + "\"");
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        secretValues(root, "data", true, data);
        secretValues(root, "stringData", false, data);
        long size = data.values().stream().mapToLong(v -> v.length).sum();
        if (size > MAX_SECRET_BYTES) {
            root.problem("data", "at most 1 MiB of values allowed in a Secret, got " + size + " bytes");
        }
        TlsCertificate certificate = tls ? certificate(meta, root, data) : null;
        return new Secret(meta, type, data, certificate);
    }

    /** The chain and key of a TLS Secret, checked to belong together; null with the problems noted. */
    private static TlsCertificate certificate(Meta meta, In root, Map<String, byte[]> data) {
        String crtField = root.at("stringData").has("tls.crt") ? "stringData[tls.crt]" : "data[tls.crt]";
        String keyField = root.at("stringData").has("tls.key") ? "stringData[tls.key]" : "data[tls.key]";
        boolean crtGiven = root.at("data").has("tls.crt") || root.at("stringData").has("tls.crt");
        boolean keyGiven = root.at("data").has("tls.key") || root.at("stringData").has("tls.key");
        if (!crtGiven) {
            root.problem("data[tls.crt]", "is required");
        }
        if (!keyGiven) {
            root.problem("data[tls.key]", "is required");
        }
        byte[] crt = data.get("tls.crt");
        byte[] key = data.get("tls.key");
        if (crt == null || key == null) {
            return null;
        }
        List<X509Certificate> chain;
        try {
            chain = PemDecoder.certificates(new String(crt, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            root.problem(crtField, e.getMessage());
            return null;
        }
        try {
            PrivateKey k = PemDecoder.privateKey(new String(key, StandardCharsets.US_ASCII), chain.get(0));
            PemDecoder.requireMatch(k, chain.get(0));
            return new TlsCertificate(meta.namespace(), meta.name(), k, chain);
        } catch (IllegalArgumentException e) {
            root.problem(keyField, e.getMessage());
            return null;
        }
    }

    /** Checks the entries of {@code data} (base64) or {@code stringData} and puts their values in {@code out}. */
    private static void secretValues(In root, String map, boolean base64, Map<String, byte[]> out) {
        In node = root.at(map);
        if (!node.present()) {
            return;
        }
        if (!(node.raw() instanceof Map<?, ?> entries)) {
            node.problem("must be an object");
            return;
        }
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
                    out.put(key, Base64.getDecoder().decode(
                            WHITESPACE.matcher(String.valueOf(value)).replaceAll("")));
                } catch (IllegalArgumentException bad) {
                    root.problem(field, "not base64: " + bad.getMessage());
                }
            } else if (value != null) {
                out.put(key, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** An entry's property name: {@code data.KEY}, or {@code data[KEY]} for a key with a dot or only digits. */
    private static String entry(String map, String key) {
        boolean plain = !key.isEmpty() && key.indexOf('.') < 0 && !key.chars().allMatch(Character::isDigit);
        return plain ? map + "." + key : map + "[" + key + "]";
    }
}
