package edgebox.console;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/** Where the box lives: the framework property {@code edgebox.home}, else the working directory. */
final class Home {

    static final String HOME_PROPERTY = "edgebox.home";
    static final String PROFILE = "etc/gosh_profile";

    private Home() {
    }

    static Path of(BundleContext context) {
        String home = context.getProperty(HOME_PROPERTY);
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }

    /** {@code path} as it is when absolute, else under the home. */
    static Path resolve(BundleContext context, String path) {
        return of(context).resolve(path).normalize();
    }
}
