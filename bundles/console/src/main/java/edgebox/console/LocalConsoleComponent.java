package edgebox.console;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import edgebox.console.session.CommandRunner;
import edgebox.console.session.LocalConsole;
import edgebox.console.session.Profile;
import edgebox.console.session.Repl;

/**
 * The console on the process's terminal, when the launcher says stdin is one (framework property
 * {@code edgebox.console.interactive=true}). Otherwise it does nothing.
 */
@Component(service = {}, immediate = true)
public final class LocalConsoleComponent {

    static final String INTERACTIVE = "edgebox.console.interactive";

    private final CommandProcessor processor;
    private LocalConsole console;

    @Activate
    public LocalConsoleComponent(@Reference CommandProcessor processor) {
        this.processor = processor;
    }

    @Activate
    void activate(BundleContext context) {
        if (!Boolean.parseBoolean(context.getProperty(INTERACTIVE))) {
            return;
        }
        Profile profile = Profile.of(Home.resolve(context, Home.PROFILE));
        console = new LocalConsole(new Repl(new CommandRunner(() -> processor, profile)));
        console.start();
    }

    @Deactivate
    void deactivate() {
        if (console != null) {
            console.close();
        }
    }
}
