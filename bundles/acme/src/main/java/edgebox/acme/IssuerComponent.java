package edgebox.acme;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

import edgebox.acme.model.Manifests;

/** One factory configuration of PID {@value Manifests#ISSUER_PID}: reads it and hands it to the manager. */
@Component(service = {}, configurationPid = Manifests.ISSUER_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class IssuerComponent {

    private final IssuerSlot slot;

    @Activate
    public IssuerComponent(@Reference AcmeComponent component, Map<String, Object> properties)
            throws Manifests.Refused {
        slot = new IssuerSlot(Manifests.ISSUER_PID, component.manager());
        slot.put(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) throws Manifests.Refused {
        slot.put(properties);
    }

    @Deactivate
    void deactivate() {
        slot.remove();
    }
}
