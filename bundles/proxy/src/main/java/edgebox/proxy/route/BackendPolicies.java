package edgebox.proxy.route;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import edgebox.api.objects.BackendTlsPolicy;
import edgebox.api.objects.BackendTlsPolicy.LocalRef;
import edgebox.api.objects.BackendTlsPolicy.SubjectAltName;
import edgebox.api.objects.BackendTlsPolicy.TargetRef;
import edgebox.api.objects.ConfigMap;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.Service;
import edgebox.proxy.route.Status.Condition;
import edgebox.proxy.route.Status.PolicyStatus;

/**
 * BackendTLSPolicies during one compile: each policy's targets (a Service, a port of it by name) and CA references
 * resolved once, the one policy that governs each Service port (a policy naming the port wins over one naming the
 * whole Service; between equals the older by creationTimestamp, then by name, wins and the other is Conflicted),
 * and the status of each policy.
 */
final class BackendPolicies {

    /** Older first (creationTimestamp; without one, after those with one), then by namespace/name. */
    static final Comparator<BackendTlsPolicy> PRECEDENCE = Comparator
            .comparing((BackendTlsPolicy p) -> p.meta().created(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(p -> p.meta().key());

    private final Map<String, BackendTls> byPort = new HashMap<>();
    private final Map<String, BackendTls> byService = new HashMap<>();
    private final List<PolicyStatus> status = new ArrayList<>();

    BackendPolicies(ObjectSnapshot objects) {
        Map<String, Service> services = new HashMap<>();
        objects.services().forEach(s -> services.put(s.meta().key(), s));
        List<BackendTlsPolicy> policies = new ArrayList<>(objects.backendTlsPolicies());
        policies.sort(PRECEDENCE);
        for (BackendTlsPolicy p : policies) {
            status.add(place(p, services, objects));
        }
    }

    /** The policy's TLS for port {@code port} of {@code service}, or null for plaintext. */
    BackendTls forPort(Service service, Service.Port port) {
        BackendTls t = port.name().isEmpty() ? null : byPort.get(service.meta().key() + "/" + port.name());
        return t != null ? t : byService.get(service.meta().key());
    }

    List<PolicyStatus> status() {
        return List.copyOf(status);
    }

    private PolicyStatus place(BackendTlsPolicy p, Map<String, Service> services, ObjectSnapshot objects) {
        String ns = p.meta().namespace();
        List<String> invalid = new ArrayList<>();
        List<String> conflicted = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        List<Boolean> wholeService = new ArrayList<>();
        for (TargetRef t : p.targetRefs()) {
            Service s = services.get(ns + "/" + t.name());
            if (!t.group().isEmpty() || !"Service".equals(t.kind())) {
                invalid.add((t.group().isEmpty() ? "" : t.group() + "/") + t.kind() + " " + t.name()
                        + " is not a Service");
            } else if (s == null) {
                invalid.add("Service " + ns + "/" + t.name() + " not found");
            } else if (!t.sectionName().isEmpty()
                    && s.ports().stream().noneMatch(port -> port.name().equals(t.sectionName()))) {
                invalid.add("Service " + s.meta().key() + " has no port named " + t.sectionName());
            } else {
                targets.add(s.meta().key() + (t.sectionName().isEmpty() ? "" : "/" + t.sectionName()));
                wholeService.add(t.sectionName().isEmpty());
            }
        }
        List<Condition> c = new ArrayList<>();
        ResolvedCas cas = resolve(p, objects);
        BackendTls tls = tls(p, cas.anchors, cas.problem);
        for (int i = 0; i < targets.size(); i++) {
            if ((wholeService.get(i) ? byService : byPort).putIfAbsent(targets.get(i), tls) != null) {
                conflicted.add(targets.get(i));
            }
        }
        if (!invalid.isEmpty() && targets.isEmpty()) {
            c.add(new Condition("Accepted", false, "TargetNotFound", String.join("; ", invalid)));
        } else if (!conflicted.isEmpty() && conflicted.size() == targets.size()) {
            c.add(new Condition("Accepted", false, "Conflicted", "an older BackendTLSPolicy governs " + conflicted));
        } else if (!cas.problem.isEmpty() && cas.anchors.isEmpty() && !p.systemCertificates()) {
            c.add(new Condition("Accepted", false, "NoValidCACertificate", cas.problem));
        } else {
            c.add(new Condition("Accepted", true, "Accepted", invalid.isEmpty() && conflicted.isEmpty() ? ""
                    : String.join("; ", invalid) + (conflicted.isEmpty() ? ""
                            : (invalid.isEmpty() ? "" : "; ") + "an older BackendTLSPolicy governs " + conflicted)));
        }
        c.add(cas.problem.isEmpty() ? new Condition("ResolvedRefs", true, "ResolvedRefs", "")
                : new Condition("ResolvedRefs", false, cas.reason, cas.problem));
        return new PolicyStatus(BackendTlsPolicy.KIND, p.meta().key(), targets, c);
    }

    private record ResolvedCas(List<X509Certificate> anchors, String reason, String problem) {
    }

    /** The CA bundles of the policy's ConfigMaps; any bad reference is a problem (connections then fail). */
    private static ResolvedCas resolve(BackendTlsPolicy p, ObjectSnapshot objects) {
        List<X509Certificate> anchors = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String reason = "";
        for (LocalRef ref : p.caCertificateRefs()) {
            if (!ref.group().isEmpty() || !"ConfigMap".equals(ref.kind())) {
                reason = "InvalidKind";
                problems.add("caCertificateRef " + (ref.group().isEmpty() ? "" : ref.group() + "/") + ref.kind()
                        + " " + ref.name() + " is not a ConfigMap");
                continue;
            }
            ConfigMap m = objects.configMap(p.meta().namespace(), ref.name());
            if (m == null || m.caCertificates().isEmpty()) {
                reason = reason.isEmpty() ? "InvalidCACertificateRef" : reason;
                problems.add("ConfigMap " + p.meta().namespace() + "/" + ref.name()
                        + (m == null ? " not found" : " has no " + ConfigMap.CA_KEY));
                continue;
            }
            anchors.addAll(m.caCertificates());
        }
        return new ResolvedCas(anchors, reason, String.join("; ", problems));
    }

    private static BackendTls tls(BackendTlsPolicy p, List<X509Certificate> anchors, String problem) {
        List<String> dns = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (SubjectAltName san : p.subjectAltNames()) {
            (SubjectAltName.URI.equals(san.type()) ? uris : dns).add(san.value());
        }
        if (dns.isEmpty() && uris.isEmpty()) {
            dns.add(p.hostname());
        }
        String why = problem.isEmpty() ? "" : "BackendTLSPolicy " + p.meta().key() + ": " + problem;
        return new BackendTls(p.meta().key(), p.hostname(), anchors, p.systemCertificates(), dns, uris, why);
    }
}
