package edgebox.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Starts Felix on a home: installs every bundle of {@code system/boot.list} (fragments are never started), resolves
 * them in one pass and starts the rest on a small pool of threads, in list order.
 */
final class Boot {

    /** Bundle starts slower than this are printed when tracing. */
    static final long SLOW_START_MS = 10;

    private final Framework framework;
    private final PrintStream out;
    private final boolean trace;

    private Boot(Framework framework, PrintStream out, boolean trace) {
        this.framework = framework;
        this.out = out;
        this.trace = trace;
    }

    Framework framework() {
        return framework;
    }

    static Boot init(Map<String, String> properties, PrintStream out, boolean trace) throws BundleException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path (lib/)"));
        Framework framework = factory.newFramework(properties);
        framework.init();
        return new Boot(framework, out, trace);
    }

    /** Starts the framework, then installs and starts the boot bundles; returns the start failures printed. */
    int start(Path system, List<BootList.Entry> entries, int threads) throws BundleException, IOException,
            InterruptedException {
        framework.start();
        List<Bundle> bundles = new ArrayList<>(entries.size());
        for (BootList.Entry e : entries) {
            Path jar = system.resolve(e.path());
            if (!Files.isRegularFile(jar)) {
                throw new IOException("system/boot.list: " + e.id() + ": no jar at " + jar);
            }
            bundles.add(framework.getBundleContext().installBundle("reference:" + jar.toUri()));
        }
        trace("installed " + bundles.size() + " boot bundles");
        framework.adapt(FrameworkWiring.class).resolveBundles(bundles);
        trace("resolved");
        List<Bundle> toStart = new ArrayList<>();
        for (int i = 0; i < bundles.size(); i++) {
            if (!entries.get(i).fragment() && !isFragment(bundles.get(i))) {
                toStart.add(bundles.get(i));
            }
        }
        return startAll(toStart, threads);
    }

    private int startAll(List<Bundle> bundles, int threads) throws InterruptedException {
        int failures = 0;
        if (threads <= 1) {
            for (Bundle b : bundles) {
                failures += startOne(b);
            }
            return failures;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "edgebox-start");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (Bundle b : bundles) {
                results.add(pool.submit(() -> startOne(b)));
            }
            for (Future<Integer> f : results) {
                try {
                    failures += f.get();
                } catch (ExecutionException e) {
                    failures++;
                    out.println("edgebox: bundle start: " + e.getCause());
                }
            }
        } finally {
            pool.shutdown();
        }
        return failures;
    }

    private void trace(String what) {
        if (trace) {
            out.println("edgebox: trace " + what);
        }
    }

    private int startOne(Bundle bundle) {
        long begin = System.nanoTime();
        try {
            bundle.start(Bundle.START_TRANSIENT);
            long ms = (System.nanoTime() - begin) / 1_000_000;
            if (trace && ms >= SLOW_START_MS) {
                out.println("edgebox: trace bundle " + name(bundle) + " started in " + ms + " ms");
            }
            return 0;
        } catch (BundleException | RuntimeException e) {
            out.println("edgebox: bundle " + name(bundle) + " did not start: " + e.getMessage());
            return 1;
        }
    }

    static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    static String name(Bundle bundle) {
        return bundle.getSymbolicName() + " " + bundle.getVersion() + " [" + bundle.getBundleId() + "]";
    }

    /** What keeps the box from being ready: bundles not active (resolved fragments excepted) and the conditions up. */
    String notReadyReport() {
        StringJoiner bundles = new StringJoiner(", ");
        for (Bundle b : framework.getBundleContext().getBundles()) {
            boolean fine = b.getState() == Bundle.ACTIVE || (isFragment(b) && b.getState() == Bundle.RESOLVED);
            if (!fine) {
                bundles.add(name(b) + " " + state(b.getState()));
            }
        }
        StringJoiner conditions = new StringJoiner(", ");
        try {
            ServiceReference<?>[] refs = framework.getBundleContext()
                    .getServiceReferences(ReadyWatch.CONDITION, null);
            if (refs != null) {
                for (ServiceReference<?> r : refs) {
                    conditions.add(String.valueOf(r.getProperty("osgi.condition.id")));
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return "bundles not active: " + (bundles.length() == 0 ? "none" : bundles)
                + "; conditions present: " + (conditions.length() == 0 ? "none" : conditions)
                + "; waiting for edgebox.ready";
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "state " + state;
        };
    }

    static String location(Path jar) {
        return "reference:" + jar.toUri();
    }

    static String frameworkVersion(Framework framework) {
        return framework.getHeaders().get(Constants.BUNDLE_VERSION);
    }
}
