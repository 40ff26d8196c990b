package edgebox.features;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;

import edgebox.features.install.BundleHost;

/** The installer's view of the framework, over this bundle's BundleContext. */
final class OsgiBundleHost implements BundleHost {

    private final BundleContext context;

    OsgiBundleHost(BundleContext context) {
        this.context = context;
    }

    @Override
    public List<Present> bundles() {
        List<Present> present = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName() == null) {
                continue;
            }
            boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            boolean started = (bundle.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0;
            present.add(new Present(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion().toString(),
                    fragment, started));
        }
        return present;
    }

    @Override
    public long install(String location) throws BundleException {
        return context.installBundle(location).getBundleId();
    }

    @Override
    public void start(long id) throws BundleException {
        bundle(id).start();
    }

    @Override
    public void stop(long id) throws BundleException {
        bundle(id).stop();
    }

    @Override
    public void uninstall(long id) throws BundleException {
        bundle(id).uninstall();
    }

    @Override
    public void refresh() {
        context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class).refreshBundles(null);
    }

    private Bundle bundle(long id) throws BundleException {
        Bundle bundle = context.getBundle(id);
        if (bundle == null) {
            throw new BundleException("bundle " + id + ": no longer installed");
        }
        return bundle;
    }
}
