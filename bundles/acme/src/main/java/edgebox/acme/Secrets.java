package edgebox.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Dictionary;
import java.util.regex.Pattern;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A value of a Secret a solver names: from the factory configuration the proxy keeps for a {@code v1} Secret
 * manifest ({@code edgebox.proxy.secret~NAMESPACE.NAME}, the object flattened: {@code stringData.KEY} or base64
 * {@code data.KEY}), else from the file {@code etc/secrets/NAMESPACE/NAME/KEY} (as Kubernetes mounts a Secret; the
 * proxy accepts only TLS Secrets as manifests so far). A ClusterIssuer's Secrets are looked for in
 * {@code cert-manager} (cert-manager's own namespace), then {@code default}. The value is never logged.
 */
final class Secrets {

    static final String FACTORY_PID = "edgebox.proxy.secret";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    private final ConfigurationAdmin admin;
    private final Path files;

    Secrets(ConfigurationAdmin admin, Path files) {
        this.admin = admin;
        this.files = files;
    }

    String value(String namespace, String name, String key) {
        String[] order = namespace.isEmpty() ? new String[] {"cert-manager", "default"} : new String[] {namespace};
        for (String ns : order) {
            String v = admin == null ? null : fromConfiguration(ns, name, key);
            if (v == null) {
                v = fromFile(ns, name, key);
            }
            if (v != null) {
                return v;
            }
        }
        throw new IllegalStateException("Secret " + (namespace.isEmpty() ? "" : namespace + "/") + name
                + " with key " + key + " not found (a v1 Secret manifest, or the file " + files.resolve(
                        order[0]).resolve(name).resolve(key) + ")");
    }

    private String fromFile(String ns, String name, String key) {
        if (!SAFE.matcher(ns).matches() || !SAFE.matcher(name).matches() || !SAFE.matcher(key).matches()) {
            return null;
        }
        try {
            return Files.readString(files.resolve(ns).resolve(name).resolve(key), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        }
    }

    private String fromConfiguration(String ns, String name, String key) {
        if (!SAFE.matcher(ns).matches() || !SAFE.matcher(name).matches()) {
            return null;
        }
        String filter = "(&(service.factoryPid=" + FACTORY_PID + ")(metadata.name=" + name + ")"
                + "(|(metadata.namespace=" + ns + ")" + ("default".equals(ns) ? "(!(metadata.namespace=*))" : "")
                + "))";
        Configuration[] found;
        try {
            found = admin.listConfigurations(filter);
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("Secret " + name + ": " + e.getMessage(), e);
        }
        for (Configuration c : found == null ? new Configuration[0] : found) {
            Dictionary<String, Object> p = c.getProperties();
            String plain = text(p, "stringData", key);
            if (plain != null) {
                return plain;
            }
            String encoded = text(p, "data", key);
            if (encoded != null) {
                return new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8).trim();
            }
        }
        return null;
    }

    private static String text(Dictionary<String, Object> p, String section, String key) {
        boolean plainKey = key.indexOf('.') < 0 && !key.chars().allMatch(Character::isDigit);
        Object v = p.get(plainKey ? section + "." + key : section + "[" + key + "]");
        return v == null ? null : v.toString();
    }
}
