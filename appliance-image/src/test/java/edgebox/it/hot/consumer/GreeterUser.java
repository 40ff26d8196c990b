package edgebox.it.hot.consumer;

import edgebox.it.hot.api.Greeter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Uses whatever Greeter is there through a dynamic, greedy, optional reference and writes what it sees to
 * {@code data/hot-consumer.txt}: the JVM pid, its own activation id and the greeting (or none).
 */
@Component(immediate = true)
public class GreeterUser {

    private final Path file;
    private final String activation;
    private volatile Greeter greeter;
    private volatile String state = "active";

    @Activate
    public GreeterUser(BundleContext context) {
        this.file = Path.of(context.getProperty("edgebox.home"), "data", "hot-consumer.txt");
        this.activation = Long.toString(System.nanoTime());
        write();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindGreeter(Greeter g) {
        greeter = g;
        write();
    }

    void unbindGreeter(Greeter g) {
        if (greeter == g) {
            greeter = null;
            write();
        }
    }

    /** DS calls this before it unbinds the references, so the state written last stays "deactivated". */
    @Deactivate
    void deactivate() {
        state = "deactivated";
        write();
    }

    private synchronized void write() {
        if (file == null) {
            return;
        }
        Greeter g = greeter;
        String text = "pid=" + ProcessHandle.current().pid() + "\nactivation=" + activation + "\nstate=" + state
                + "\ngreeting=" + (g == null ? "none" : g.greet()) + "\n";
        try {
            Path tmp = file.resolveSibling("hot-consumer.txt.tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
