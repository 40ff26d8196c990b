package edgebox.it.hot.provider;

import edgebox.it.hot.api.Greeter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** Answers with its own bundle version, so two builds of this bundle answer differently. */
@Component
public class VersionGreeter implements Greeter {

    private final String version;

    @Activate
    public VersionGreeter(BundleContext context) {
        this.version = context.getBundle().getVersion().toString();
    }

    @Override
    public String greet() {
        return "hello from " + version;
    }
}
