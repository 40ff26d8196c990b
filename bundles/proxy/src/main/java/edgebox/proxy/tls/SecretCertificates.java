package edgebox.proxy.tls;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigValidator;
import edgebox.api.tls.CertificateSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * TLS Secrets (factory PID {@value #FACTORY_PID}) to a {@link CertificateSource}: receives every Secret
 * configuration as a ManagedServiceFactory, validates them for the config bundle (a bad PEM refuses the manifest
 * with its reason), and raises the source's {@link CertificateSource#VERSION} on each change. Opaque Secrets pass
 * through unseen: they are no certificates (the ACME bundle reads their values from Config Admin).
 */
@Component(immediate = true, service = {ManagedServiceFactory.class, ConfigValidator.class}, property = {
        Constants.SERVICE_PID + "=" + SecretCertificates.FACTORY_PID,
        ConfigValidator.PIDS + "=" + SecretCertificates.FACTORY_PID})
public final class SecretCertificates implements ManagedServiceFactory, ConfigValidator {

    public static final String FACTORY_PID = "edgebox.proxy.secret";
    private static final Logger LOG = System.getLogger("edgebox.proxy.tls");

    private final SecretStore store = new SecretStore();
    private final ServiceRegistration<CertificateSource> registration;

    @Activate
    public SecretCertificates(BundleContext context) {
        registration = context.registerService(CertificateSource.class, store::certificates, properties());
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }

    @Override
    public String getName() {
        return "edgebox TLS Secrets";
    }

    @Override
    public void updated(String pid, Dictionary<String, ?> properties) {
        List<ConfigProblem> problems = store.put(pid, map(properties));
        if (!problems.isEmpty()) {
            LOG.log(Level.WARNING, FACTORY_PID + " " + pid + ": refused, the previous certificate keeps serving: "
                    + problems);
            return;
        }
        registration.setProperties(properties());
    }

    @Override
    public void deleted(String pid) {
        store.remove(pid);
        registration.setProperties(properties());
    }

    @Override
    public List<ConfigProblem> validate(String pid, Map<String, Object> properties) {
        return SecretReader.read(properties).problems();
    }

    private Dictionary<String, Object> properties() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(CertificateSource.VERSION, store.version());
        p.put("edgebox.tls.certificates", store.certificates().size());
        return p;
    }

    private static Map<String, Object> map(Dictionary<String, ?> properties) {
        Map<String, Object> m = new HashMap<>();
        for (String key : Collections.list(properties.keys())) {
            m.put(key, properties.get(key));
        }
        return m;
    }
}
