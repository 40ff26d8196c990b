package edgebox.acme.issue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import edgebox.acme.model.CertificateSpec;
import edgebox.acme.model.GatewayShim;
import edgebox.api.config.ConfigProblem;

/**
 * Which Certificates the {@link Manager} keeps, and where each comes from: the explicit ones (Certificate manifests)
 * and the implicit ones (Gateway listeners, {@link GatewayShim}). An explicit Certificate wins its name: an implicit
 * one never replaces or removes it. Listeners hear of each change to the explicit ones, so the shim can derive again.
 */
public final class Catalog {

    private final Manager manager;
    private final Map<String, CertificateSpec> explicit = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private GatewayShim.Plan plan = GatewayShim.Plan.EMPTY;

    public Catalog(Manager manager) {
        this.manager = manager;
    }

    public void putExplicit(CertificateSpec spec) {
        synchronized (this) {
            explicit.put(spec.ref(), spec);
            manager.putCertificate(spec);
        }
        listeners.forEach(Runnable::run);
    }

    public void removeExplicit(String ref) {
        synchronized (this) {
            if (explicit.remove(ref) == null) {
                return;
            }
            manager.removeCertificate(ref);
        }
        listeners.forEach(Runnable::run);
    }

    /** The shim's new plan: implicit Certificates it no longer names are removed, new and changed ones put. */
    public synchronized void apply(GatewayShim.Plan next) {
        for (String ref : plan.certificates().keySet()) {
            if (!next.certificates().containsKey(ref) && !explicit.containsKey(ref)) {
                manager.removeCertificate(ref);
            }
        }
        next.certificates().forEach((ref, implicit) -> {
            if (!explicit.containsKey(ref)) {
                manager.putCertificate(implicit.spec());
            }
        });
        plan = next;
    }

    public synchronized Set<String> explicitRefs() {
        return Set.copyOf(explicit.keySet());
    }

    public synchronized Set<String> explicitSecretRefs() {
        Set<String> out = new HashSet<>();
        explicit.values().forEach(s -> out.add(s.secretRef()));
        return out;
    }

    /** The listeners each implicit Certificate serves, by {@code namespace/name}. */
    public synchronized Map<String, List<String>> origins() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        plan.certificates().forEach((ref, implicit) -> {
            if (!explicit.containsKey(ref)) {
                out.put(ref, implicit.origins());
            }
        });
        return out;
    }

    /** What the last derivation left out. */
    public synchronized List<ConfigProblem> problems() {
        return plan.problems();
    }

    public void onExplicitChange(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}
