package edgebox.acme;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import edgebox.acme.client.Http;
import edgebox.acme.client.RemoteJson;
import edgebox.acme.issue.Catalog;
import edgebox.acme.issue.ExternalAccountKeys;
import edgebox.acme.issue.Manager;
import edgebox.acme.issue.Secrets;
import edgebox.acme.issue.SolverFactory;
import edgebox.acme.store.AcmeStore;
import edgebox.api.acme.Dns01Publisher;
import edgebox.api.acme.Http01Responder;
import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;
import edgebox.api.metrics.Gauge;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.api.objects.ObjectSource;
import edgebox.api.tls.CertificateSource;
import edgebox.api.tls.TlsCertificate;

/**
 * The ACME function: owns the {@link Manager} (issuance, renewal, storage) and its {@link Catalog} (explicit and
 * implicit Certificates), registers its certificates as a {@link CertificateSource} whose version it raises on every
 * change, and binds the DNS's {@link Dns01Publisher} and the proxy's {@link Http01Responder} whenever they come and
 * go. Solver and EAB Secrets come from the objects snapshot, else from {@code etc/secrets} ({@link Secrets}). Wires
 * only.
 */
@Component(configurationPid = AcmeComponent.PID, service = {AcmeComponent.class, HealthCheck.class})
@Designate(ocd = AcmeConfig.class)
public final class AcmeComponent implements HealthCheck {

    static final String PID = "edgebox.acme";
    private static final System.Logger LOG = System.getLogger(PID);

    private volatile Dns01Publisher dns;
    private volatile Http01Responder http;
    private final Manager manager;
    private final Catalog catalog;
    private final ServiceRegistration<CertificateSource> registration;
    private final Gauge notAfter;

    @Activate
    public AcmeComponent(BundleContext context, AcmeConfig config, @Reference ObjectSource objects,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) MetricsRegistry metrics) {
        String home = context.getProperty("edgebox.home");
        Path dir = Path.of(config.dataDir());
        if (!dir.isAbsolute() && home != null) {
            dir = Path.of(home).resolve(dir);
        }
        notAfter = metrics == null ? null : metrics.gauge("edgebox_acme_certificate_not_after_seconds",
                "when each issued certificate expires (Unix seconds)", "certificate");
        Holder holder = new Holder();
        Secrets secrets = new Secrets(home == null ? Path.of("etc/secrets") : Path.of(home).resolve("etc/secrets"),
                objects::current);
        RemoteJson json = new RemoteJson(WiredJsonProvider.of(context));
        SolverFactory solvers = new SolverFactory(secrets, config.cloudflareApi(), Http.jdk(null), json);
        manager = new Manager(new AcmeStore(dir), json, () -> solvers.responders(dns, http),
                new ExternalAccountKeys(secrets)::key, holder::changed, Clock.systemUTC());
        catalog = new Catalog(manager);
        if (metrics != null) {
            metrics.gauge("edgebox_acme_certificates", "certificates served", () -> manager.certificates().size());
            metrics.gauge("edgebox_acme_issuances", "certificates issued since start", () -> manager.issuances());
            metrics.gauge("edgebox_acme_failures", "failed issuances since start", () -> manager.failures());
        }
        registration = context.registerService(CertificateSource.class, manager::certificates, properties());
        holder.ready(this);
        LOG.log(Level.INFO, "acme: started, data in " + dir);
    }

    /** Forwards the manager's change callback once the registration exists. */
    private static final class Holder {
        private volatile AcmeComponent component;

        void ready(AcmeComponent c) {
            component = c;
            c.changed();
        }

        void changed() {
            AcmeComponent c = component;
            if (c != null) {
                c.changed();
            }
        }
    }

    private void changed() {
        try {
            registration.setProperties(properties());
        } catch (IllegalStateException e) {
            return;
        }
        if (notAfter != null) {
            for (TlsCertificate c : manager.certificates()) {
                notAfter.labels(c.ref()).set(c.leaf().getNotAfter().getTime() / 1000.0);
            }
        }
    }

    private Dictionary<String, Object> properties() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(CertificateSource.VERSION, manager.version());
        return p;
    }

    public Manager manager() {
        return manager;
    }

    /** The Certificates the manager keeps, explicit and implicit. */
    public Catalog catalog() {
        return catalog;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setDns(Dns01Publisher publisher) {
        dns = publisher;
    }

    void unsetDns(Dns01Publisher publisher) {
        if (dns == publisher) {
            dns = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setHttp(Http01Responder responder) {
        http = responder;
    }

    void unsetHttp(Http01Responder responder) {
        if (http == responder) {
            http = null;
        }
    }

    @Deactivate
    void deactivate() {
        manager.close();
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
    }

    @Override
    public String function() {
        return "acme";
    }

    @Override
    public Health health() {
        Map<String, Manager.Status> all = manager.status();
        long ready = all.values().stream().filter(s -> "True".equals(s.condition())).count();
        String detail = ready + "/" + all.size() + " certificates ready, " + manager.issuances() + " issued, "
                + manager.failures() + " failures";
        return all.values().stream().filter(s -> s.failures() > 0).findFirst()
                .map(s -> Health.degraded(detail, "Certificate " + s.spec().ref() + ": " + s.message()))
                .orElse(Health.up(detail));
    }
}
