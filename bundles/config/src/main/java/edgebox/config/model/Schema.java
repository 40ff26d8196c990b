package edgebox.config.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The attributes a PID declares (its metatype ObjectClassDefinition), and what counts as a secret in it.
 *
 * @param id         the ObjectClassDefinition's id
 * @param attributes by property name
 */
public record Schema(String id, Map<String, AttributeSpec> attributes) {

    public Schema {
        Objects.requireNonNull(id, "id");
        attributes = Map.copyOf(attributes);
    }

    public static Schema of(String id, Collection<AttributeSpec> attributes) {
        Map<String, AttributeSpec> byId = new LinkedHashMap<>();
        attributes.forEach(a -> byId.put(a.id(), a));
        return new Schema(id, byId);
    }

    /** Whether a property is a secret: declared PASSWORD, or named like one. */
    public static boolean isSecret(Schema schema, String property) {
        if (schema != null) {
            AttributeSpec spec = schema.attributes().get(property);
            if (spec != null && spec.type() == ValueType.PASSWORD) {
                return true;
            }
        }
        String name = property.toLowerCase(Locale.ROOT);
        return name.contains("password") || name.contains("secret") || name.contains("token")
                || name.contains("privatekey");
    }

    /** Whether a property of a flattened Kubernetes Secret holds its content ({@code data.KEY}, {@code stringData[KEY]}). */
    public static boolean isSecretData(String property) {
        for (String root : new String[] {"data", "stringData"}) {
            if (property.startsWith(root + ".") || property.startsWith(root + "[")) {
                return true;
            }
        }
        return false;
    }
}
