package edgebox.objects.parse;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import edgebox.api.objects.BackendTlsPolicy;
import edgebox.api.objects.BackendTlsPolicy.LocalRef;
import edgebox.api.objects.BackendTlsPolicy.SubjectAltName;
import edgebox.api.objects.BackendTlsPolicy.TargetRef;
import edgebox.api.objects.ConfigMap;
import edgebox.api.objects.Meta;

/**
 * Reads and checks BackendTLSPolicies (v1alpha3 and v1 share the shape) and ConfigMaps, whose {@code ca.crt} is
 * decoded once here. Whether a target or a CA reference resolves is the proxy's to say, in the policy's status.
 */
final class PolicyParser {

    /** An option key as Gateway API allows it: a domain-prefixed name, or a plain one it reserves. */
    private static final Pattern OPTION_KEY =
            Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern CONFIG_MAP_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final long MAX_CONFIG_MAP_BYTES = 1 << 20;

    private PolicyParser() {
    }

    static BackendTlsPolicy backendTlsPolicy(Meta meta, In spec) {
        List<TargetRef> targets = new ArrayList<>();
        List<In> items = spec.list("targetRefs", 16);
        if (items.isEmpty()) {
            spec.problem("targetRefs", "at least one target is required");
        }
        Set<String> seen = new HashSet<>();
        for (In t : items) {
            String group = t.str("group", "");
            String kind = t.required("kind");
            String name = t.required("name");
            String section = t.str("sectionName", "");
            if (!section.isEmpty() && !Parser.SECTION_NAME.matcher(section).matches()) {
                t.problem("sectionName", "must be a lower case DNS name, got \"" + section + "\"");
            }
            if (!seen.add(group + "/" + kind + "/" + name + "/" + section)) {
                t.problem("the same target and sectionName are named twice");
            }
            targets.add(new TargetRef(group, kind == null ? "" : kind, name == null ? "" : name, section));
        }
        In validation = spec.at("validation");
        if (!validation.present()) {
            spec.problem("validation", "is required");
        }
        List<LocalRef> cas = new ArrayList<>();
        for (In r : validation.list("caCertificateRefs", 8)) {
            String kind = r.required("kind");
            String name = r.required("name");
            cas.add(new LocalRef(r.str("group", ""), kind == null ? "" : kind, name == null ? "" : name));
        }
        String wellKnown = validation.str("wellKnownCACertificates", "");
        if (!wellKnown.isEmpty() && !"System".equals(wellKnown)) {
            validation.problem("wellKnownCACertificates", "must be System, got \"" + wellKnown + "\"");
        }
        if (!cas.isEmpty() && !wellKnown.isEmpty()) {
            validation.problem("must not set both caCertificateRefs and wellKnownCACertificates");
        } else if (validation.present() && cas.isEmpty() && wellKnown.isEmpty()) {
            validation.problem("caCertificateRefs", "one of caCertificateRefs or wellKnownCACertificates is required");
        }
        String hostname = Parser.hostname(validation, "hostname", false);
        if (validation.present() && !validation.has("hostname")) {
            validation.problem("hostname", "is required (the SNI, and the name verified unless subjectAltNames "
                    + "are given)");
        }
        List<SubjectAltName> sans = new ArrayList<>();
        for (In s : validation.list("subjectAltNames", 5)) {
            sans.add(subjectAltName(s));
        }
        Map<String, String> options = spec.stringMap("options");
        if (options.size() > 16) {
            spec.problem("options", "at most 16 options allowed, got " + options.size());
        }
        for (String key : options.keySet()) {
            if (key.length() > 253 || !OPTION_KEY.matcher(key).matches()) {
                spec.problem("options[" + key + "]", "must be a domain-prefixed name such as example.com/option");
            } else {
                spec.problem("options[" + key + "]", "no option is supported");
            }
        }
        return new BackendTlsPolicy(meta, targets, cas, "System".equals(wellKnown), hostname, sans, options);
    }

    private static SubjectAltName subjectAltName(In s) {
        String type = s.oneOf("type", null, SubjectAltName.HOSTNAME, SubjectAltName.URI);
        if (!s.has("type")) {
            s.problem("type", "is required (Hostname or URI)");
            return new SubjectAltName("", "");
        }
        if (type == null) {
            return new SubjectAltName("", "");
        }
        boolean host = SubjectAltName.HOSTNAME.equals(type);
        String own = host ? "hostname" : "uri";
        String other = host ? "uri" : "hostname";
        if (s.has(other)) {
            s.problem(other, "must not be set when type is " + type);
        }
        if (!s.has(own)) {
            s.problem(own, "is required when type is " + type);
            return new SubjectAltName(type, "");
        }
        if (host) {
            return new SubjectAltName(type, Parser.hostname(s, "hostname", true));
        }
        String uri = s.str("uri");
        try {
            URI u = new URI(uri);
            if (!u.isAbsolute() || u.getRawSchemeSpecificPart().isEmpty()) {
                s.problem("uri", "must be an absolute URI with a scheme, got \"" + uri + "\"");
            }
        } catch (URISyntaxException e) {
            s.problem("uri", "is not a URI: " + e.getReason());
        }
        return new SubjectAltName(type, uri);
    }

    /** A ConfigMap's {@code data}; a {@code ca.crt} value must hold PEM certificates. */
    static ConfigMap configMap(Meta meta, In root) {
        Map<String, String> data = new LinkedHashMap<>();
        In node = root.at("data");
        if (node.present() && !(node.raw() instanceof Map<?, ?>)) {
            node.problem("must be an object");
        } else if (node.present()) {
            long size = 0;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) node.raw()).entrySet()) {
                String key = String.valueOf(e.getKey());
                String field = "data[" + key + "]";
                if (key.length() > 253 || !CONFIG_MAP_KEY.matcher(key).matches()) {
                    root.problem(field, "a key must be at most 253 letters, digits, '-', '_' or '.'");
                }
                if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof List<?>) {
                    root.problem(field, "must be a value, not " + (e.getValue() instanceof List<?> ? "a list"
                            : "an object"));
                } else if (e.getValue() != null) {
                    String value = String.valueOf(e.getValue());
                    size += value.length();
                    data.put(key, value);
                }
            }
            if (size > MAX_CONFIG_MAP_BYTES) {
                root.problem("data", "at most 1 MiB of values allowed in a ConfigMap, got " + size + " characters");
            }
        }
        List<X509Certificate> cas = List.of();
        String bundle = data.get(ConfigMap.CA_KEY);
        if (bundle != null) {
            try {
                cas = PemDecoder.certificates(bundle);
            } catch (IllegalArgumentException e) {
                root.problem("data[" + ConfigMap.CA_KEY + "]", e.getMessage());
            }
        }
        return new ConfigMap(meta, data, cas);
    }
}
