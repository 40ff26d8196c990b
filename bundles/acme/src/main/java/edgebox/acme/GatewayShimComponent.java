package edgebox.acme;

import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import edgebox.acme.issue.Catalog;
import edgebox.acme.model.CertificateSpec;
import edgebox.acme.model.GatewayShim;
import edgebox.acme.model.Manifests;
import edgebox.api.config.ConfigProblem;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.ObjectSource;

/**
 * Implicit Certificates for Gateway listeners (cert-manager's gateway-shim): follows the objects snapshot (the
 * Gateways the box serves, the TLS Secrets), derives the plan 20 ms after the last change (or a change of the
 * explicit Certificates) and hands it to the {@link Catalog}. Logs each problem once, while it lasts.
 */
@Component(immediate = true, service = {}, configurationPid = AcmeComponent.PID)
public final class GatewayShimComponent {

    private static final System.Logger LOG = System.getLogger(AcmeComponent.PID);
    private static final long DEBOUNCE_MILLIS = 20;

    private final ScheduledExecutorService deriver = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "edgebox-acme-shim"));
    private final Catalog catalog;
    private final ConfigurationAdmin cm;
    private final String autoIssuer;
    private final Runnable listener = this::changed;
    private final AutoCloseable subscription;
    private volatile ObjectSnapshot objects = ObjectSnapshot.EMPTY;
    private Set<ConfigProblem> logged = Set.of();
    private Map<String, List<String>> announced = Map.of();
    private ScheduledFuture<?> pending;

    @Activate
    public GatewayShimComponent(AcmeConfig config, @Reference AcmeComponent acme, @Reference ConfigurationAdmin cm,
            @Reference ObjectSource source) {
        catalog = acme.catalog();
        this.cm = cm;
        autoIssuer = config.autoIssuer().strip();
        catalog.onExplicitChange(listener);
        subscription = source.subscribe(snapshot -> {
            objects = snapshot;
            changed();
        });
        LOG.log(Level.INFO, "acme: implicit Certificates for Gateways annotated cert-manager.io/issuer or "
                + "cert-manager.io/cluster-issuer" + (autoIssuer.isEmpty() ? ""
                        : ", and from ClusterIssuer " + autoIssuer + " for listeners whose Secret nothing provides"));
    }

    @Deactivate
    void deactivate() throws Exception {
        subscription.close();
        catalog.removeListener(listener);
        deriver.shutdownNow();
        catalog.apply(GatewayShim.Plan.EMPTY);
    }

    private synchronized void changed() {
        if (pending != null) {
            pending.cancel(false);
        }
        if (!deriver.isShutdown()) {
            pending = deriver.schedule(this::derive, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void derive() {
        Set<String> refs = new HashSet<>(catalog.explicitRefs());
        Set<String> secretRefs = new HashSet<>(catalog.explicitSecretRefs());
        written(refs, secretRefs);
        GatewayShim.Plan plan = GatewayShim.derive(new GatewayShim.Inputs(objects, refs, secretRefs, autoIssuer));
        Set<ConfigProblem> now = new HashSet<>(plan.problems());
        plan.problems().stream().filter(p -> !logged.contains(p))
                .forEach(p -> LOG.log(Level.WARNING, "acme: " + p));
        logged = now;
        Map<String, List<String>> origins = new TreeMap<>();
        plan.certificates().forEach((ref, c) -> origins.put(ref + " " + c.spec().dnsNames(), c.origins()));
        origins.forEach((k, o) -> {
            if (!o.equals(announced.get(k))) {
                LOG.log(Level.INFO, "acme: implicit Certificate " + k + " for " + String.join(", ", o));
            }
        });
        announced = origins;
        catalog.apply(plan);
    }

    /**
     * The Certificates in Config Admin, also those whose component is not active yet: at start the Gateways may
     * arrive first, and an implicit Certificate must not be issued for a Secret an explicit one is about to take.
     */
    private void written(Set<String> refs, Set<String> secretRefs) {
        Configuration[] all;
        try {
            all = cm.listConfigurations("(service.factoryPid=" + Manifests.CERTIFICATE_PID + ")");
        } catch (java.io.IOException | InvalidSyntaxException | IllegalStateException e) {
            return; // Config Admin is going away with the framework
        }
        for (Configuration c : all == null ? new Configuration[0] : all) {
            try {
                Dictionary<String, Object> p = c.getProperties();
                if (p != null && Manifests.read(Manifests.CERTIFICATE_PID, FrameworkUtil.asMap(p))
                        instanceof CertificateSpec spec) {
                    refs.add(spec.ref());
                    secretRefs.add(spec.secretRef());
                }
            } catch (Manifests.Refused | IllegalStateException e) {
                // a refused Certificate provides nothing; a deleted one neither
            }
        }
    }
}
