package edgebox.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import edgebox.api.config.FlatProperties;

/**
 * A value of a Secret a solver or an external account binding names. First from the {@code v1} Secret manifests
 * (the proxy's {@code edgebox.proxy.secret} configurations, Opaque or TLS): {@code stringData[KEY]}, then the
 * base64 {@code data[KEY]}; else from the file {@code etc/secrets/NAMESPACE/NAME/KEY} (as Kubernetes mounts a
 * Secret). A ClusterIssuer's Secrets are looked for in {@code cert-manager} (cert-manager's own namespace), then
 * {@code default}; in each, the manifest before the file. Values are trimmed and never logged, nor put in a message.
 */
final class Secrets {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Path files;
    private final Supplier<? extends Collection<Map<String, Object>>> manifests;

    /** {@code manifests}: the Secret configurations as flat properties, read at each lookup. */
    Secrets(Path files, Supplier<? extends Collection<Map<String, Object>>> manifests) {
        this.files = files;
        this.manifests = manifests;
    }

    String value(String namespace, String name, String key) {
        String[] order = namespace == null || namespace.isEmpty() ? new String[] {"cert-manager", "default"}
                : new String[] {namespace};
        for (String ns : order) {
            if (!SAFE.matcher(ns).matches() || !SAFE.matcher(name).matches() || !SAFE.matcher(key).matches()) {
                throw new IllegalStateException("Secret " + ns + "/" + name + " key " + key + ": not a safe name");
            }
            String fromManifest = fromManifest(ns, name, key);
            if (fromManifest != null) {
                return fromManifest;
            }
            try {
                return Files.readString(files.resolve(ns).resolve(name).resolve(key), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                // next namespace
            }
        }
        throw new IllegalStateException("Secret " + (order.length == 1 ? order[0] : String.join(" or ", order))
                + "/" + name + " with key " + key + " not found: expected a v1 Secret manifest with stringData or "
                + "data " + key + ", or the file " + files.resolve(order[0]).resolve(name).resolve(key));
    }

    /** {@code stringData[key]}, else decoded {@code data[key]}, of the Secret manifest {@code ns/name}; or null. */
    private String fromManifest(String ns, String name, String key) {
        for (Map<String, Object> flat : manifests.get()) {
            Map<String, Object> secret;
            try {
                secret = FlatProperties.unflatten(own(flat));
            } catch (IllegalArgumentException e) {
                continue; // the proxy refuses it too
            }
            if (!(secret.get("metadata") instanceof Map<?, ?> meta) || !name.equals(text(meta.get("name")))
                    || !ns.equals(meta.get("namespace") == null ? "default" : text(meta.get("namespace")))) {
                continue;
            }
            if (secret.get("stringData") instanceof Map<?, ?> plain && plain.get(key) != null) {
                return text(plain.get(key));
            }
            if (secret.get("data") instanceof Map<?, ?> data && data.get(key) != null) {
                try {
                    return new String(Base64.getDecoder().decode(WHITESPACE.matcher(text(data.get(key)))
                            .replaceAll("")), StandardCharsets.UTF_8).trim();
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("Secret " + ns + "/" + name + ": data[" + key + "]: not base64",
                            e);
                }
            }
        }
        return null;
    }

    private static Map<String, Object> own(Map<String, Object> flat) {
        Map<String, Object> own = new LinkedHashMap<>();
        flat.forEach((k, v) -> {
            if (!k.startsWith("service.") && !k.startsWith("component.") && !k.startsWith("edgebox.")
                    && !k.startsWith("felix.")) {
                own.put(k, v);
            }
        });
        return own;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value).trim();
    }
}
