package edgebox.acme.model;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import edgebox.acme.client.Keys;
import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigurationSpec;
import edgebox.api.config.ManifestKind;
import edgebox.api.config.ManifestObject;
import edgebox.api.config.ManifestTranslation;

/**
 * {@code cert-manager.io/v1} ClusterIssuer, Issuer and Certificate: manifest object to one factory configuration
 * (the object flattened, named {@code namespace.name}, a ClusterIssuer by its name alone), the check of such
 * properties, and their reading into {@link Issuer} and {@link CertificateSpec}. Pure functions.
 */
public final class Manifests {

    public static final String CLUSTER_ISSUER_PID = "edgebox.acme.clusterissuer";
    public static final String ISSUER_PID = "edgebox.acme.issuer";
    public static final String CERTIFICATE_PID = "edgebox.acme.certificate";
    public static final Set<ManifestKind> KINDS = Set.of(new ManifestKind("cert-manager.io/v1", "ClusterIssuer"),
            new ManifestKind("cert-manager.io/v1", "Issuer"), new ManifestKind("cert-manager.io/v1", "Certificate"));
    private static final Map<String, String> PIDS = Map.of("ClusterIssuer", CLUSTER_ISSUER_PID, "Issuer", ISSUER_PID,
            "Certificate", CERTIFICATE_PID);
    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Set<String> TSIG_ALGORITHMS = Set.of("HMACMD5", "HMACSHA1", "HMACSHA224", "HMACSHA256",
            "HMACSHA384", "HMACSHA512");
    private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private Manifests() {
    }

    /** Properties that do not make a valid object. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;
        private final transient List<ConfigProblem> problems;

        Refused(List<ConfigProblem> problems) {
            super(String.join("; ", problems.stream().map(ConfigProblem::toString).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<ConfigProblem> problems() {
            return problems;
        }
    }

    public static ManifestTranslation translate(ManifestObject object) {
        Map<String, Object> content = new LinkedHashMap<>(object.content());
        String kind = object.kind().kind();
        if (!"ClusterIssuer".equals(kind)) {
            Map<String, Object> meta = new LinkedHashMap<>();
            if (content.get("metadata") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> meta.put(String.valueOf(k), v));
            }
            meta.putIfAbsent("namespace", object.namespace());
            content.put("metadata", meta);
        }
        String pid = PIDS.get(kind);
        try {
            Map<String, Object> props = Flat.flatten(content);
            read(pid, props);
            String name = "ClusterIssuer".equals(kind) ? object.name() : object.namespace() + "." + object.name();
            return ManifestTranslation.of(List.of(new ConfigurationSpec(pid, name, props)));
        } catch (Refused e) {
            List<ConfigProblem> named = new ArrayList<>();
            e.problems().forEach(p -> named.add(ConfigProblem.of(display(object), p.field(), p.reason())));
            return ManifestTranslation.refused(named);
        } catch (IllegalArgumentException e) {
            return ManifestTranslation.refused(List.of(ConfigProblem.of(display(object), "", e.getMessage())));
        }
    }

    /** {@code Certificate web/ragas}; a ClusterIssuer has no namespace: {@code ClusterIssuer letsencrypt}. */
    private static String display(ManifestObject object) {
        return "ClusterIssuer".equals(object.kind().kind()) ? "ClusterIssuer " + object.name()
                : object.displayName();
    }

    public static List<ConfigProblem> validate(String pid, Map<String, ?> properties) {
        try {
            read(pid, properties);
            return List.of();
        } catch (Refused e) {
            return e.problems();
        }
    }

    /** An {@link Issuer} or a {@link CertificateSpec}, read from the flat properties of factory PID {@code pid}. */
    public static Object read(String pid, Map<String, ?> properties) throws Refused {
        Map<String, Object> own = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (!k.startsWith("service.") && !k.startsWith("component.") && !k.startsWith("edgebox.")
                    && !k.startsWith("felix.")) {
                own.put(k, v);
            }
        });
        Map<String, Object> content;
        try {
            content = Flat.unflatten(own);
        } catch (IllegalArgumentException e) {
            throw new Refused(List.of(ConfigProblem.of(pid, "", e.getMessage())));
        }
        List<String[]> found = new ArrayList<>();
        Node root = Node.root(content, found);
        String kind = root.at("kind").text(true);
        Node meta = root.at("metadata");
        String name = meta.at("name").text(true);
        String namespace = meta.at("namespace").text(false);
        namespace = namespace == null ? "default" : namespace;
        String object = kind == null ? pid : kind + ("ClusterIssuer".equals(kind) ? " " : " " + namespace + "/")
                + name;
        Object result = null;
        if (kind != null && !pid.equals(PIDS.get(kind))) {
            found.add(new String[] {"kind", "a " + kind + " does not belong to factory PID " + pid});
        } else if (kind != null && name != null) {
            result = "Certificate".equals(kind) ? certificate(root, namespace, name)
                    : "ClusterIssuer".equals(kind) ? issuer(root, "ClusterIssuer/" + name, "")
                            : issuer(root, "Issuer/" + namespace + "/" + name, namespace);
        }
        if (!found.isEmpty()) {
            List<ConfigProblem> problems = new ArrayList<>();
            for (String[] p : found) {
                problems.add(ConfigProblem.of(object, p[0], p[1]));
            }
            throw new Refused(problems);
        }
        return result;
    }

    /** {@code secretNamespace}: where the solvers' Secrets are, empty for a ClusterIssuer (cert-manager's own). */
    private static Issuer issuer(Node root, String key, String secretNamespace) {
        Node acme = root.at("spec").at("acme");
        if (!acme.present()) {
            acme.problem("is required: only ACME issuers are supported");
            return null;
        }
        String server = acme.at("server").text(true);
        if (server != null) {
            try {
                URI u = URI.create(server);
                if (!"https".equals(u.getScheme()) || u.getHost() == null) {
                    acme.at("server").problem("must be an https URL, got \"" + server + "\"");
                }
            } catch (IllegalArgumentException e) {
                acme.at("server").problem("is not a URL: " + e.getMessage());
            }
        }
        String email = acme.at("email").text(false);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
            acme.at("email").problem("is not an e-mail address: \"" + email + "\"");
        }
        String accountKey = acme.at("privateKeySecretRef").at("name").text(true);
        if (accountKey != null && !K8S_NAME.matcher(accountKey).matches()) {
            acme.at("privateKeySecretRef").at("name").problem("is not a valid Secret name");
        }
        List<X509Certificate> ca = List.of();
        String bundle = acme.at("caBundle").text(false);
        if (bundle != null) {
            try {
                ca = Keys.certificates(new String(Base64.getMimeDecoder().decode(bundle), StandardCharsets.US_ASCII));
                if (ca.isEmpty()) {
                    acme.at("caBundle").problem("holds no certificate");
                }
            } catch (IllegalArgumentException e) {
                acme.at("caBundle").problem("must be base64 of PEM certificates: " + e.getMessage());
            }
        }
        Map<String, String> eab = Map.of();
        Node binding = acme.at("externalAccountBinding");
        if (binding.present()) {
            String keyId = binding.at("keyID").text(true);
            String secret = binding.at("keySecretRef").at("name").text(true);
            String secretKey = binding.at("keySecretRef").at("key").text(true);
            String alg = binding.at("keyAlgorithm").text(false);
            if (alg != null && !alg.equals("HS256")) {
                binding.at("keyAlgorithm").problem("only HS256 is supported, got \"" + alg + "\"");
            }
            if (keyId != null && secret != null && secretKey != null) {
                eab = Map.of("keyID", keyId, "secretName", secret, "secretKey", secretKey, "secretNamespace",
                        secretNamespace);
            }
        }
        if ("true".equals(acme.at("skipTLSVerify").text(false))) {
            acme.at("skipTLSVerify").problem("is not supported: give the server's CA in caBundle");
        }
        List<Solver> solvers = new ArrayList<>();
        List<Node> items = acme.at("solvers").items(32);
        if (items.isEmpty()) {
            acme.at("solvers").problem("at least one solver is required");
        }
        for (Node s : items) {
            Solver solver = solver(s, secretNamespace);
            if (solver != null) {
                solvers.add(solver);
            }
        }
        return new Issuer(key, server, email, accountKey, ca, acme.at("profile").text(false),
                acme.at("preferredChain").text(false), solvers, eab);
    }

    private static Solver solver(Node s, String secretNamespace) {
        Node sel = s.at("selector");
        List<String> names = lower(sel.at("dnsNames").texts(100));
        List<String> zones = lower(sel.at("dnsZones").texts(100));
        Map<String, String> labels = sel.at("matchLabels").strings();
        Node dns = s.at("dns01");
        Node http = s.at("http01");
        if (dns.present() == http.present()) {
            s.problem("needs exactly one of dns01 and http01");
            return null;
        }
        if (dns.present()) {
            List<String> providers = dns.keys().stream().filter(k -> !"cnameStrategy".equals(k)).toList();
            if (providers.size() != 1) {
                dns.problem("needs exactly one provider (edgebox, cloudflare or rfc2136), got " + providers);
                return null;
            }
            switch (providers.get(0)) {
                case "edgebox" -> {
                    return new Solver(Solver.Type.DNS01_EDGEBOX, names, zones, labels);
                }
                case "cloudflare" -> {
                    Node cf = dns.at("cloudflare");
                    if (cf.at("apiKeySecretRef").present()) {
                        cf.at("apiKeySecretRef").problem("global API keys are not supported: give a scoped token "
                                + "in apiTokenSecretRef");
                        return null;
                    }
                    Node ref = cf.at("apiTokenSecretRef");
                    String secret = ref.at("name").text(true);
                    String key = ref.at("key").text(true);
                    if (secret == null || key == null) {
                        return null;
                    }
                    return new Solver(Solver.Type.DNS01_CLOUDFLARE, names, zones, labels, Map.of("secretName",
                            secret, "secretKey", key, "secretNamespace", secretNamespace));
                }
                case "rfc2136" -> {
                    return rfc2136(dns.at("rfc2136"), names, zones, labels, secretNamespace);
                }
                default -> dns.at(providers.get(0)).problem("is not a supported provider (edgebox)");
            }
            return null;
        }
        if (!http.at("gatewayHTTPRoute").present()) {
            http.problem("only gatewayHTTPRoute is supported (the proxy answers the challenge)");
            return null;
        }
        return new Solver(Solver.Type.HTTP01, names, zones, labels);
    }

    private static Solver rfc2136(Node r, List<String> names, List<String> zones, Map<String, String> labels,
            String secretNamespace) {
        String server = r.at("nameserver").text(true);
        if (server != null && !server.matches("\\[?[0-9A-Za-z.:-]+\\]?(:\\d{1,5})?")) {
            r.at("nameserver").problem("must be host or host:port, got \"" + server + "\"");
        }
        Map<String, String> settings = new java.util.HashMap<>();
        settings.put("nameserver", server == null ? "" : server);
        settings.put("secretNamespace", secretNamespace);
        String keyName = r.at("tsigKeyName").text(false);
        if (keyName != null) {
            String alg = r.at("tsigAlgorithm").text(false);
            alg = alg == null ? "HMACMD5" : alg.toUpperCase(Locale.ROOT);
            if (!TSIG_ALGORITHMS.contains(alg)) {
                r.at("tsigAlgorithm").problem("must be one of " + TSIG_ALGORITHMS + ", got \"" + alg + "\"");
            }
            String secret = r.at("tsigSecretSecretRef").at("name").text(true);
            String key = r.at("tsigSecretSecretRef").at("key").text(true);
            settings.put("tsigKeyName", keyName);
            settings.put("tsigAlgorithm", alg);
            settings.put("secretName", secret == null ? "" : secret);
            settings.put("secretKey", key == null ? "" : key);
        }
        return new Solver(Solver.Type.DNS01_RFC2136, names, zones, labels, settings);
    }

    private static CertificateSpec certificate(Node root, String namespace, String name) {
        Node spec = root.at("spec");
        String secret = spec.at("secretName").text(true);
        if (secret != null && !K8S_NAME.matcher(secret).matches()) {
            spec.at("secretName").problem("is not a valid Secret name: \"" + secret + "\"");
        }
        List<String> names = new ArrayList<>();
        String cn = spec.at("commonName").text(false);
        if (cn != null) {
            names.add(cn.toLowerCase(Locale.ROOT));
        }
        List<Node> items = spec.at("dnsNames").items(100);
        for (Node n : items) {
            String d = n.text(true);
            if (d == null) {
                continue;
            }
            String lower = d.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".")) {
                lower = lower.substring(0, lower.length() - 1);
            }
            if (!DNS_NAME.matcher(lower).matches() || lower.length() > 253) {
                n.problem("is not a DNS name (a wildcard only as the first label, *.example.com): \"" + d + "\"");
            } else if (!names.contains(lower)) {
                names.add(lower);
            }
        }
        if (names.isEmpty()) {
            spec.at("dnsNames").problem("at least one name is required");
        }
        Node ref = spec.at("issuerRef");
        String issuerName = ref.at("name").text(true);
        String issuerKind = ref.at("kind").text(false);
        String group = ref.at("group").text(false);
        if (group != null && !group.equals("cert-manager.io")) {
            ref.at("group").problem("must be cert-manager.io, got \"" + group + "\"");
        }
        String issuerKey = null;
        if (issuerKind == null || issuerKind.equals("Issuer")) {
            issuerKey = "Issuer/" + namespace + "/" + issuerName;
        } else if (issuerKind.equals("ClusterIssuer")) {
            issuerKey = "ClusterIssuer/" + issuerName;
        } else {
            ref.at("kind").problem("must be Issuer or ClusterIssuer, got \"" + issuerKind + "\"");
        }
        Node key = spec.at("privateKey");
        String alg = key.at("algorithm").text(false);
        alg = alg == null ? "RSA" : alg;
        int size;
        switch (alg) {
            case "RSA" -> size = key.at("size").integer(2048, 2048, 8192);
            case "ECDSA" -> {
                size = key.at("size").integer(256, 256, 384);
                if (size != 256 && size != 384) {
                    key.at("size").problem("must be 256 or 384 for ECDSA, got " + size);
                }
            }
            case "Ed25519" -> size = 0;
            default -> {
                key.at("algorithm").problem("must be RSA, ECDSA or Ed25519, got \"" + alg + "\"");
                size = 0;
            }
        }
        Duration duration = duration(spec.at("duration"));
        Duration before = duration(spec.at("renewBefore"));
        int pct = spec.at("renewBeforePercentage").integer(0, 1, 99);
        if (before != null && pct != 0) {
            spec.at("renewBeforePercentage").problem("cannot be set together with renewBefore");
        }
        if (before != null && duration != null && before.compareTo(duration) >= 0) {
            spec.at("renewBefore").problem("must be shorter than duration");
        }
        if (duration != null && duration.compareTo(Duration.ofHours(1)) < 0) {
            spec.at("duration").problem("must be at least 1h");
        }
        return new CertificateSpec(namespace, name, secret, names, issuerKey, alg, size, duration, before, pct,
                root.at("metadata").at("labels").strings());
    }

    private static Duration duration(Node n) {
        String s = n.text(false);
        if (s == null) {
            return null;
        }
        try {
            return Durations.parse(s);
        } catch (IllegalArgumentException e) {
            n.problem(e.getMessage());
            return null;
        }
    }

    private static List<String> lower(List<String> in) {
        return in.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }
}
