package edgebox.acme.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.config.ConfigProblem;
import edgebox.api.objects.Gateway;
import edgebox.api.objects.Gateway.Listener;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.Refs.SecretRef;
import edgebox.api.objects.Secret;

/**
 * cert-manager's gateway-shim as a pure function: the Gateways of an objects snapshot to the implicit Certificates
 * their listeners ask for. A Gateway the box serves annotated {@code cert-manager.io/issuer} or
 * {@code cert-manager.io/cluster-issuer} (with {@code issuer-kind}, {@code issuer-group}, {@code common-name},
 * {@code duration}, {@code renew-before}, {@code renew-before-percentage}, {@code private-key-algorithm},
 * {@code private-key-size}) gets one Certificate per listener terminating TLS (HTTPS, or TLS with mode Terminate)
 * that has a hostname and a Secret as its first certificateRef; listeners sharing a Secret share one Certificate with
 * all their hostnames, the settings of the first Gateway (oldest first, as the snapshot orders them). The box's
 * extension: with {@code autoIssuer} set, a Gateway without those annotations gets Certificates from that
 * ClusterIssuer for the Secrets no TLS Secret and no Certificate provides. A Certificate written for a Secret wins.
 * A bad annotation refuses the Gateway's implicit Certificates whole, named by field.
 */
public final class GatewayShim {

    public static final String ISSUER = "cert-manager.io/issuer";
    public static final String CLUSTER_ISSUER = "cert-manager.io/cluster-issuer";
    public static final String ISSUER_KIND = "cert-manager.io/issuer-kind";
    public static final String ISSUER_GROUP = "cert-manager.io/issuer-group";
    /** Annotation to the Certificate field it sets (Node paths, as Manifests reports problems). */
    private static final Map<String, String> FIELDS = Map.of(
            "cert-manager.io/common-name", "spec.commonName",
            "cert-manager.io/duration", "spec.duration",
            "cert-manager.io/renew-before", "spec.renewBefore",
            "cert-manager.io/renew-before-percentage", "spec.renewBeforePercentage",
            "cert-manager.io/private-key-algorithm", "spec.privateKey.algorithm",
            "cert-manager.io/private-key-size", "spec.privateKey.size");

    /**
     * What the shim reads.
     *
     * @param objects            the Gateways (those it serves) and the Secrets (those with a certificate provide)
     * @param explicitRefs       {@code namespace/name} of the Certificates written as manifests
     * @param explicitSecretRefs {@code namespace/secretName} of those Certificates
     * @param autoIssuer         the ClusterIssuer for Gateways without annotations; empty: none
     */
    public record Inputs(ObjectSnapshot objects, Set<String> explicitRefs, Set<String> explicitSecretRefs,
            String autoIssuer) {
    }

    /** An implicit Certificate and the listeners that ask for it ({@code Gateway ns/name listener https}). */
    public record Implicit(CertificateSpec spec, List<String> origins) {
    }

    /** The implicit Certificates by {@code namespace/name}, and what was left out, by Gateway and field. */
    public record Plan(Map<String, Implicit> certificates, List<ConfigProblem> problems) {

        public static final Plan EMPTY = new Plan(Map.of(), List.of());

        public Plan {
            certificates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(certificates));
            problems = List.copyOf(problems);
        }
    }

    /** One listener's wish: a Secret with its hostname, under the Gateway's settings (the Certificate's spec). */
    private record Claim(Gateway gateway, String at, String origin, String namespace, String secretName,
            String hostname, Map<String, Object> settings) {
    }

    private GatewayShim() {
    }

    public static Plan derive(Inputs in) {
        List<ConfigProblem> problems = new ArrayList<>();
        Set<String> tlsSecrets = new HashSet<>();
        for (Secret s : in.objects().secrets()) {
            if (s.certificate() != null) {
                tlsSecrets.add(s.meta().key());
            }
        }
        List<Claim> claims = new ArrayList<>();
        for (Gateway gw : in.objects().gateways()) {
            if (in.objects().served(gw)) {
                claims.addAll(claims(gw, in, tlsSecrets, problems));
            }
        }
        return new Plan(group(claims, in.explicitRefs(), problems), problems);
    }

    /** The Gateway's claims, or none (with the problems) when an annotation is bad. */
    private static List<Claim> claims(Gateway gw, Inputs in, Set<String> tlsSecrets, List<ConfigProblem> problems) {
        Map<String, String> a = gw.meta().annotations();
        boolean annotated = a.containsKey(ISSUER) || a.containsKey(CLUSTER_ISSUER);
        if (!annotated && in.autoIssuer().isEmpty()) {
            return List.of();
        }
        List<ConfigProblem> refused = new ArrayList<>();
        Map<String, Object> issuerRef = new LinkedHashMap<>();
        if (!annotated) {
            issuerRef.put("name", in.autoIssuer());
            issuerRef.put("kind", "ClusterIssuer");
        } else {
            if (a.containsKey(ISSUER) && a.containsKey(CLUSTER_ISSUER)) {
                refused.add(annotation(gw, CLUSTER_ISSUER, "cannot be set together with " + ISSUER));
            }
            if (a.containsKey(CLUSTER_ISSUER) && a.containsKey(ISSUER_KIND)) {
                refused.add(annotation(gw, ISSUER_KIND, "cannot be set together with " + CLUSTER_ISSUER));
            }
            String key = a.containsKey(ISSUER) ? ISSUER : CLUSTER_ISSUER;
            if (a.get(key).isBlank()) {
                refused.add(annotation(gw, key, "must name an issuer"));
            }
            issuerRef.put("name", a.get(key).strip());
            issuerRef.put("kind", key.equals(CLUSTER_ISSUER) ? "ClusterIssuer" : a.getOrDefault(ISSUER_KIND, "Issuer"));
            if (a.containsKey(ISSUER_GROUP)) {
                issuerRef.put("group", a.get(ISSUER_GROUP));
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("issuerRef", issuerRef);
        FIELDS.forEach((annotation, field) -> {
            if (a.containsKey(annotation)) {
                put(settings, field.substring("spec.".length()), a.get(annotation).strip());
            }
        });
        List<Claim> out = new ArrayList<>();
        for (int i = 0; i < gw.listeners().size() && refused.isEmpty(); i++) {
            Claim c = claim(gw, i, gw.listeners().get(i), settings);
            String secret = c == null ? null : c.namespace() + "/" + c.secretName();
            if (c == null || !annotated && tlsSecrets.contains(secret) || in.explicitSecretRefs().contains(secret)) {
                continue;
            }
            try {
                Manifests.readObject(Manifests.CERTIFICATE_PID, certificate(c.namespace(), c.secretName(),
                        List.of(c.hostname()), settings));
                out.add(c);
            } catch (Manifests.Refused e) {
                for (ConfigProblem p : e.problems()) {
                    String ann = annotationOf(p.field());
                    if (ann != null) {
                        refused.add(annotation(gw, ann, p.reason()));
                    } else if (!p.field().equals("spec.dnsNames")) { // "at least one name": the bad hostname's echo
                        problems.add(ConfigProblem.of(display(gw), c.at() + listenerField(p.field()), p.reason()
                                + "; no implicit Certificate for this listener"));
                    }
                }
            }
        }
        if (!refused.isEmpty()) {
            refused.stream().distinct().forEach(problems::add);
            return List.of();
        }
        return out;
    }

    /** The listener's claim, or null when it does not terminate TLS with a hostname and a Secret. */
    private static Claim claim(Gateway gw, int i, Listener l, Map<String, Object> settings) {
        if (!"Terminate".equals(l.tlsMode()) || l.hostname().isEmpty() || l.certificateRefs().isEmpty()) {
            return null;
        }
        SecretRef ref = l.certificateRefs().get(0);
        if (!"Secret".equals(ref.kind()) || !(ref.group().isEmpty() || "core".equals(ref.group()))
                || ref.name().isEmpty()) {
            return null;
        }
        return new Claim(gw, "spec.listeners[" + i + "]", display(gw) + " listener " + l.name(), ref.namespace(),
                ref.name(), l.hostname(), settings);
    }

    /** Claims by Secret: one Certificate each, its settings from the first Gateway; a conflicting claim is left out. */
    private static Map<String, Implicit> group(List<Claim> claims, Set<String> explicitRefs,
            List<ConfigProblem> problems) {
        Map<String, List<Claim>> bySecret = new LinkedHashMap<>();
        for (Claim c : claims) {
            List<Claim> same = bySecret.computeIfAbsent(c.namespace() + "/" + c.secretName(), k -> new ArrayList<>());
            if (!same.isEmpty() && !same.get(0).settings().equals(c.settings())) {
                problems.add(ConfigProblem.of(display(c.gateway()), c.at() + ".tls.certificateRefs[0]", "Secret "
                        + c.namespace() + "/" + c.secretName() + " is issued for " + same.get(0).origin()
                        + " with other cert-manager.io annotations; this listener's hostname is left out"));
            } else {
                same.add(c);
            }
        }
        Map<String, Implicit> out = new LinkedHashMap<>();
        bySecret.forEach((secret, same) -> {
            Claim first = same.get(0);
            if (explicitRefs.contains(secret)) {
                problems.add(ConfigProblem.of(display(first.gateway()), first.at() + ".tls.certificateRefs[0]",
                        "a Certificate " + secret + " exists for another Secret; no implicit Certificate for Secret "
                                + secret));
                return;
            }
            List<String> names = new ArrayList<>();
            List<String> origins = new ArrayList<>();
            for (Claim c : same) {
                if (!names.contains(c.hostname())) {
                    names.add(c.hostname());
                }
                origins.add(c.origin());
            }
            try {
                CertificateSpec spec = (CertificateSpec) Manifests.readObject(Manifests.CERTIFICATE_PID,
                        certificate(first.namespace(), first.secretName(), names, first.settings()));
                out.put(spec.ref(), new Implicit(spec, origins));
            } catch (Manifests.Refused e) {
                e.problems().forEach(p -> problems.add(ConfigProblem.of(display(first.gateway()), first.at(),
                        "the Certificate for Secret " + secret + ": " + p.field() + ": " + p.reason())));
            }
        });
        return out;
    }

    /** The Certificate cert-manager would write: named for its Secret, in the Secret's namespace. */
    private static Map<String, Object> certificate(String namespace, String secretName, List<String> names,
            Map<String, Object> settings) {
        Map<String, Object> spec = new LinkedHashMap<>(settings);
        spec.put("secretName", secretName);
        spec.put("dnsNames", names);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("apiVersion", "cert-manager.io/v1");
        content.put("kind", "Certificate");
        content.put("metadata", Map.of("name", secretName, "namespace", namespace));
        content.put("spec", spec);
        return content;
    }

    private static String display(Gateway gw) {
        return "Gateway " + gw.meta().key();
    }

    private static ConfigProblem annotation(Gateway gw, String annotation, String reason) {
        return ConfigProblem.of(display(gw), "metadata.annotations[" + annotation + "]", reason
                + "; no implicit Certificates for this Gateway");
    }

    private static String annotationOf(String field) {
        if (field.startsWith("spec.issuerRef.group")) {
            return ISSUER_GROUP;
        }
        if (field.startsWith("spec.issuerRef")) {
            return field.endsWith("kind") ? ISSUER_KIND : CLUSTER_ISSUER;
        }
        return FIELDS.entrySet().stream().filter(e -> field.equals(e.getValue())).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    private static String listenerField(String field) {
        return field.startsWith("spec.dnsNames") || field.equals("spec.commonName") ? ".hostname"
                : field.equals("spec.secretName") ? ".tls.certificateRefs[0].name" : "";
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> into, String dotted, Object value) {
        int dot = dotted.indexOf('.');
        if (dot < 0) {
            into.put(dotted, value);
            return;
        }
        Map<String, Object> child = (Map<String, Object>) into.computeIfAbsent(dotted.substring(0, dot),
                k -> new LinkedHashMap<String, Object>());
        put(child, dotted.substring(dot + 1), value);
    }
}
