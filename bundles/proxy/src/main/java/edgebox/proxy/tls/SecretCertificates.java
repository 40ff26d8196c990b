package edgebox.proxy.tls;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.ObjectSource;
import edgebox.api.objects.Secret;
import edgebox.api.tls.CertificateSource;
import edgebox.api.tls.TlsCertificate;

/**
 * TLS Secrets to a {@link CertificateSource}: follows the objects snapshot (where each Secret's chain and key were
 * decoded and checked once) and raises the source's {@link CertificateSource#VERSION} when the certificates change.
 * Opaque Secrets are no certificates and pass unseen.
 */
@Component(immediate = true, service = {})
public final class SecretCertificates {

    private final ServiceRegistration<CertificateSource> registration;
    private final AutoCloseable subscription;
    private volatile List<TlsCertificate> certificates = List.of();
    private long version;

    @Activate
    public SecretCertificates(BundleContext context, @Reference ObjectSource objects) {
        registration = context.registerService(CertificateSource.class, () -> certificates, properties());
        subscription = objects.subscribe(this::update);
    }

    @Deactivate
    void deactivate() throws Exception {
        subscription.close();
        registration.unregister();
    }

    /** On the objects thread: a new list only when some certificate was added, removed or replaced. */
    private synchronized void update(ObjectSnapshot snapshot) {
        List<TlsCertificate> next = new ArrayList<>();
        for (Secret s : snapshot.secrets()) {
            if (s.certificate() != null) {
                next.add(s.certificate());
            }
        }
        if (!sameInstances(next, certificates)) {
            certificates = List.copyOf(next);
            version++;
            registration.setProperties(properties());
        }
    }

    private static boolean sameInstances(List<TlsCertificate> a, List<TlsCertificate> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private Hashtable<String, Object> properties() {
        return new Hashtable<>(Map.of(CertificateSource.VERSION, version, "edgebox.tls.certificates",
                certificates.size()));
    }
}
