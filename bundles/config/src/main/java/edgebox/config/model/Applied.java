package edgebox.config.model;

import java.util.Map;
import java.util.Objects;

/**
 * A configuration as Config Admin holds it now, with the tags this bundle put on it.
 *
 * @param key        which configuration
 * @param source     {@code edgebox.source}: the file it came from, relative to the home; {@code null} when this bundle
 *                   did not write it
 * @param object     {@code edgebox.object}: the manifest object ({@code HTTPRoute web/shop}), or {@code null}
 * @param properties its properties, without the {@code service.*} ones Config Admin adds
 */
public record Applied(ConfigKey key, String source, String object, Map<String, Object> properties) {

    public Applied {
        Objects.requireNonNull(key, "key");
        properties = Map.copyOf(properties);
    }

    public static Applied of(ConfigKey key, Map<String, Object> properties) {
        Object source = properties.get(Tags.SOURCE);
        Object object = properties.get(Tags.OBJECT);
        return new Applied(key, source == null ? null : source.toString(), object == null ? null : object.toString(),
                properties);
    }
}
