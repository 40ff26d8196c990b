package edgebox.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Dictionary;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A value of a {@code v1} Secret manifest, read from the factory configuration the proxy keeps for every Secret
 * ({@code edgebox.proxy.secret~NAMESPACE.NAME}, the object flattened: {@code stringData.KEY} or base64
 * {@code data.KEY}). A ClusterIssuer's Secrets are looked for in {@code cert-manager} (cert-manager's own
 * namespace), then {@code default}, then any namespace. The value is never logged.
 */
final class Secrets {

    static final String FACTORY_PID = "edgebox.proxy.secret";

    private final ConfigurationAdmin admin;

    Secrets(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    String value(String namespace, String name, String key) {
        if (admin == null) {
            throw new IllegalStateException("Secret " + name + ": Config Admin is not available");
        }
        String[] order = namespace.isEmpty() ? new String[] {"cert-manager", "default", null}
                : new String[] {namespace};
        for (String ns : order) {
            String filter = "(&(service.factoryPid=" + FACTORY_PID + ")(metadata.name=" + name + ")"
                    + (ns == null ? "" : "(|(metadata.namespace=" + ns + ")" + ("default".equals(ns)
                            ? "(!(metadata.namespace=*))" : "") + ")") + ")";
            Configuration[] found;
            try {
                found = admin.listConfigurations(filter);
            } catch (IOException | InvalidSyntaxException e) {
                throw new IllegalStateException("Secret " + name + ": " + e.getMessage(), e);
            }
            if (found == null) {
                continue;
            }
            for (Configuration c : found) {
                Dictionary<String, Object> p = c.getProperties();
                String plain = text(p, "stringData", key);
                if (plain != null) {
                    return plain;
                }
                String encoded = text(p, "data", key);
                if (encoded != null) {
                    return new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8).trim();
                }
                throw new IllegalStateException("Secret " + c.getProperties().get("metadata.namespace") + "/" + name
                        + " has no key " + key);
            }
        }
        throw new IllegalStateException("Secret " + (namespace.isEmpty() ? "" : namespace + "/") + name
                + " not found (a v1 Secret manifest)");
    }

    private static String text(Dictionary<String, Object> p, String section, String key) {
        boolean plainKey = key.indexOf('.') < 0 && !key.chars().allMatch(Character::isDigit);
        Object v = p.get(plainKey ? section + "." + key : section + "[" + key + "]");
        return v == null ? null : v.toString();
    }
}
