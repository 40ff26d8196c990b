package edgebox.acme;

import java.util.ServiceLoader;

import jakarta.json.spi.JsonProvider;

import org.osgi.annotation.bundle.Requirement;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The JSON-P provider this bundle is wired to. The manifest requires the {@code osgi.serviceloader} capability for
 * {@code jakarta.json.spi.JsonProvider}, which Parsson's bundle offers, so the resolver picks the provider (and leaves
 * acme unresolved without one); the provider is then loaded by ServiceLoader through the providing bundle's class
 * loader. {@code JsonProvider.provider()} cannot find it in OSGi: it asks the thread's context class loader and then
 * the API bundle's own, and Parsson exports only {@code org.eclipse.parsson.api}.
 */
@Requirement(namespace = WiredJsonProvider.NAMESPACE, name = "jakarta.json.spi.JsonProvider")
final class WiredJsonProvider {

    static final String NAMESPACE = "osgi.serviceloader";

    private WiredJsonProvider() {
    }

    static JsonProvider of(BundleContext context) {
        for (BundleWire wire : context.getBundle().adapt(BundleWiring.class).getRequiredWires(NAMESPACE)) {
            if (JsonProvider.class.getName().equals(wire.getCapability().getAttributes().get(NAMESPACE))) {
                ClassLoader loader = wire.getProviderWiring().getClassLoader();
                return ServiceLoader.load(JsonProvider.class, loader).findFirst().orElseThrow(
                        () -> new IllegalStateException("acme: bundle " + wire.getProvider().getSymbolicName()
                                + " declares a JsonProvider but its service file names none"));
            }
        }
        throw new IllegalStateException("acme: no bundle provides " + JsonProvider.class.getName()
                + " (the acme feature installs Parsson)");
    }
}
