package edgebox.acme.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigurationSpec;
import edgebox.api.config.FlatProperties;
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
    static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

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
            Map<String, Object> props = FlatProperties.flatten(content);
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
        Map<String, Object> content;
        try {
            content = FlatProperties.unflatten(FlatProperties.own(properties));
        } catch (IllegalArgumentException e) {
            throw new Refused(List.of(ConfigProblem.of(pid, "", e.getMessage())));
        }
        return readObject(pid, content);
    }

    /** The same, read from the object itself (nested maps and lists). */
    static Object readObject(String pid, Map<String, Object> content) throws Refused {
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
                    : "ClusterIssuer".equals(kind) ? IssuerReader.issuer(root, "ClusterIssuer/" + name, "")
                            : IssuerReader.issuer(root, "Issuer/" + namespace + "/" + name, namespace);
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

    static List<String> lower(List<String> in) {
        return in.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }
}
