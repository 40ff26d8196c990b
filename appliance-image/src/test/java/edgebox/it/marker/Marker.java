package edgebox.it.marker;

import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A boot bundle added to system/boot.list by a test: on start it writes data/marker.txt with the JVM pid. */
public class Marker implements BundleActivator {

    @Override
    public void start(BundleContext context) throws Exception {
        Files.writeString(Path.of(context.getProperty("edgebox.home"), "data", "marker.txt"),
                Long.toString(ProcessHandle.current().pid()));
    }

    @Override
    public void stop(BundleContext context) {
    }
}
