package edgebox.acme.issue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.Secret;

/**
 * A value of a Secret a solver or an external account binding names. First from the {@code v1} Secret in the objects
 * snapshot ({@code stringData[KEY]}, then the base64 {@code data[KEY]}, as the objects bundle merged them); else
 * from the file {@code etc/secrets/NAMESPACE/NAME/KEY} (as Kubernetes mounts a Secret). A ClusterIssuer's Secrets are
 * looked for in {@code cert-manager} (cert-manager's own namespace), then {@code default}; in each, the Secret
 * before the file. Values are trimmed and never logged, nor put in a message.
 */
public final class Secrets {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    private final Path files;
    private final Supplier<ObjectSnapshot> objects;

    /** {@code objects}: the current snapshot, asked at each lookup. */
    public Secrets(Path files, Supplier<ObjectSnapshot> objects) {
        this.files = files;
        this.objects = objects;
    }

    /** The value, or IllegalStateException naming the Secret and the key (never a value). */
    public String value(String namespace, String name, String key) {
        String[] order = namespace == null || namespace.isEmpty() ? new String[] {"cert-manager", "default"}
                : new String[] {namespace};
        for (String ns : order) {
            if (!SAFE.matcher(ns).matches() || !SAFE.matcher(name).matches() || !SAFE.matcher(key).matches()) {
                throw new IllegalStateException("Secret " + ns + "/" + name + " key " + key + ": not a safe name");
            }
            Secret secret = objects.get().secret(ns, name);
            if (secret != null && secret.value(key).isPresent()) {
                return new String(secret.value(key).get(), StandardCharsets.UTF_8).trim();
            }
            try {
                return Files.readString(files.resolve(ns).resolve(name).resolve(key), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                // next namespace
            }
        }
        throw new IllegalStateException("Secret " + (order.length == 1 ? order[0] : String.join(" or ", order))
                + "/" + name + " with key " + key + " not found: expected a v1 Secret with stringData or data "
                + key + ", or the file " + files.resolve(order[0]).resolve(name).resolve(key));
    }
}
