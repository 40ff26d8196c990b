package edgebox.proxy.resource;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/** One factory configuration of PID {@value Kinds#GATEWAY}: parses it and puts it in the store. */
@Component(service = {}, configurationPid = Kinds.GATEWAY, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class GatewayComponent {

    private final ResourceStore store;
    private String pid;

    @Activate
    public GatewayComponent(@Reference ResourceStore store, Map<String, Object> properties) {
        this.store = store;
        this.pid = ResourceComponent.publish(Kinds.GATEWAY, store, properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        pid = ResourceComponent.publish(Kinds.GATEWAY, store, properties);
    }

    @Deactivate
    void deactivate() {
        store.remove(pid);
    }
}
