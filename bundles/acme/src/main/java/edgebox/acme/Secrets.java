package edgebox.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A value of a Secret a solver or an external account binding names, read from the file
 * {@code etc/secrets/NAMESPACE/NAME/KEY} (as Kubernetes mounts a Secret; the proxy accepts only TLS Secrets as
 * manifests so far). A ClusterIssuer's Secrets are looked for in {@code cert-manager} (cert-manager's own
 * namespace), then {@code default}. The value is never logged.
 */
final class Secrets {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    private final Path files;

    Secrets(Path files) {
        this.files = files;
    }

    String value(String namespace, String name, String key) {
        String[] order = namespace.isEmpty() ? new String[] {"cert-manager", "default"} : new String[] {namespace};
        for (String ns : order) {
            if (!SAFE.matcher(ns).matches() || !SAFE.matcher(name).matches() || !SAFE.matcher(key).matches()) {
                throw new IllegalStateException("Secret " + ns + "/" + name + " key " + key + ": not a safe name");
            }
            try {
                return Files.readString(files.resolve(ns).resolve(name).resolve(key), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                // next namespace
            }
        }
        throw new IllegalStateException("Secret " + (namespace.isEmpty() ? "" : namespace + "/") + name
                + " with key " + key + " not found: expected the file " + files.resolve(order[0]).resolve(name)
                        .resolve(key));
    }
}
