package edgebox.acme;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

import edgebox.acme.issue.Manager;
import edgebox.acme.model.CertificateSpec;
import edgebox.acme.model.Issuer;
import edgebox.acme.model.Manifests;

/** One factory configuration of PID {@value Manifests#CLUSTER_ISSUER_PID}: reads it and hands it to the manager. */
@Component(service = {}, configurationPid = Manifests.CLUSTER_ISSUER_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class ClusterIssuerComponent {

    private final AcmeComponent component;
    private String key;

    @Activate
    public ClusterIssuerComponent(@Reference AcmeComponent component, Map<String, Object> properties)
            throws Manifests.Refused {
        this.component = component;
        modified(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) throws Manifests.Refused {
        Manager manager = component.manager();
        String next = ((Issuer) Manifests.read(Manifests.CLUSTER_ISSUER_PID, properties)).key();
        if (key != null && !key.equals(next)) {
            component.manager().removeIssuer(key);
        }
        manager.putIssuer((Issuer) Manifests.read(Manifests.CLUSTER_ISSUER_PID, properties));
        key = next;
    }

    @Deactivate
    void deactivate() {
        if (key != null) {
            component.manager().removeIssuer(key);
        }
    }
}
