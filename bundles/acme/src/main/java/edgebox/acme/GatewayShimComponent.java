package edgebox.acme;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
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

/**
 * Implicit Certificates for Gateway listeners (cert-manager's gateway-shim): reads the proxy's Gateway and TLS Secret
 * configurations and its {@code gatewayClassNames} through Config Admin (never the proxy bundle), derives the plan
 * 20 ms after the last change (or a change of the explicit Certificates) and hands it to the {@link Catalog}. Logs
 * each problem once, while it lasts.
 */
@Component(immediate = true, service = {}, configurationPid = AcmeComponent.PID)
public final class GatewayShimComponent {

    static final String GATEWAY_PID = "edgebox.proxy.gateway";
    static final String SECRET_PID = "edgebox.proxy.secret";
    static final String GATEWAYS_PID = "edgebox.proxy.gateways";
    private static final System.Logger LOG = System.getLogger(AcmeComponent.PID);
    private static final long DEBOUNCE_MILLIS = 20;

    private final ScheduledExecutorService deriver = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "edgebox-acme-shim"));
    private final Catalog catalog;
    private final ConfigurationAdmin cm;
    private final String autoIssuer;
    private final ConfigFeed gateways;
    private final ConfigFeed secrets;
    private final ServiceRegistration<?> classes;
    private final Runnable listener = this::changed;
    private volatile Set<String> gatewayClassNames = Set.of("edgebox");
    private Set<ConfigProblem> logged = Set.of();
    private Map<String, List<String>> announced = Map.of();
    private ScheduledFuture<?> pending;

    @Activate
    public GatewayShimComponent(BundleContext context, AcmeConfig config, @Reference AcmeComponent acme,
            @Reference ConfigurationAdmin cm) {
        catalog = acme.catalog();
        this.cm = cm;
        autoIssuer = config.autoIssuer().strip();
        gateways = new ConfigFeed(context, GATEWAY_PID, this::changed);
        secrets = new ConfigFeed(context, SECRET_PID, this::changed);
        classes = ConfigFeed.singleton(context, GATEWAYS_PID, p -> {
            Object names = p.get("gatewayClassNames");
            gatewayClassNames = names == null ? Set.of("edgebox") : Set.copyOf(listOf(names));
            changed();
        });
        catalog.onExplicitChange(listener);
        changed();
        LOG.log(Level.INFO, "acme: implicit Certificates for Gateways annotated cert-manager.io/issuer or "
                + "cert-manager.io/cluster-issuer" + (autoIssuer.isEmpty() ? ""
                        : ", and from ClusterIssuer " + autoIssuer + " for listeners whose Secret nothing provides"));
    }

    @Deactivate
    void deactivate() {
        catalog.removeListener(listener);
        gateways.close();
        secrets.close();
        try {
            classes.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
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
        GatewayShim.Plan plan = GatewayShim.derive(new GatewayShim.Inputs(gateways.snapshot(), secrets.snapshot(),
                refs, secretRefs, gatewayClassNames, autoIssuer));
        Set<ConfigProblem> now = new HashSet<>(plan.problems());
        plan.problems().stream().filter(p -> !logged.contains(p))
                .forEach(p -> LOG.log(Level.WARNING, "acme: " + p));
        logged = now;
        Map<String, List<String>> origins = new java.util.TreeMap<>();
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
                if (c.getProperties() != null && Manifests.read(Manifests.CERTIFICATE_PID,
                        ConfigFeed.map(c.getProperties())) instanceof CertificateSpec spec) {
                    refs.add(spec.ref());
                    secretRefs.add(spec.secretRef());
                }
            } catch (Manifests.Refused | IllegalStateException e) {
                // a refused Certificate provides nothing; a deleted one neither
            }
        }
    }

    private static List<String> listOf(Object value) {
        List<String> out = new ArrayList<>();
        if (value.getClass().isArray()) {
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                out.add(String.valueOf(java.lang.reflect.Array.get(value, i)).strip());
            }
        } else {
            for (String s : value.toString().split(",")) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
