package edgebox.api.config;

import java.util.Map;
import java.util.Objects;

/**
 * One object of a manifest file, parsed but not yet understood.
 *
 * @param kind      its apiVersion and kind
 * @param namespace {@code metadata.namespace}, or {@code default} when absent
 * @param name      {@code metadata.name}
 * @param content   the whole object as YAML gave it: nested maps, lists, strings, numbers and booleans; read-only
 * @param source    the file it came from, relative to the box's home ({@code etc/manifests/web.yaml})
 */
public record ManifestObject(ManifestKind kind, String namespace, String name, Map<String, Object> content,
        String source) {

    public ManifestObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        content = Map.copyOf(content);
        Objects.requireNonNull(source, "source");
    }

    /** How problems name the object: {@code HTTPRoute web/shop}. */
    public String displayName() {
        return kind.kind() + " " + namespace + "/" + name;
    }
}
