package edgebox.acme;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

import edgebox.acme.model.CertificateSpec;
import edgebox.acme.model.Manifests;

/**
 * One factory configuration of PID {@value Manifests#CERTIFICATE_PID}: reads it and hands it to the catalog as an
 * explicit Certificate.
 */
@Component(service = {}, configurationPid = Manifests.CERTIFICATE_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class CertificateComponent {

    private final AcmeComponent component;
    private String key;

    @Activate
    public CertificateComponent(@Reference AcmeComponent component, Map<String, Object> properties)
            throws Manifests.Refused {
        this.component = component;
        modified(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) throws Manifests.Refused {
        CertificateSpec spec = (CertificateSpec) Manifests.read(Manifests.CERTIFICATE_PID, properties);
        if (key != null && !key.equals(spec.ref())) {
            component.catalog().removeExplicit(key);
        }
        component.catalog().putExplicit(spec);
        key = spec.ref();
    }

    @Deactivate
    void deactivate() {
        if (key != null) {
            component.catalog().removeExplicit(key);
        }
    }
}
