package edgebox.api.config;

import java.util.Objects;

/**
 * Why a configuration was refused: where it came from, which object, which field, and the reason.
 * Prints as {@code etc/manifests/web.yaml: HTTPRoute web/shop: spec.rules[2].matches[0].path.value: must start with "/"}.
 *
 * @param source the file or command the configuration came from; empty when not yet known
 * @param object the object: a PID, or a manifest's {@code Kind namespace/name}
 * @param field  the field's path inside the object; empty when the problem is the whole object
 * @param reason what is wrong, in words a user can act on
 */
public record ConfigProblem(String source, String object, String field, String reason) {

    public ConfigProblem {
        source = source == null ? "" : source;
        object = object == null ? "" : object;
        field = field == null ? "" : field;
        Objects.requireNonNull(reason, "reason");
    }

    /** A problem with a field of an object, its source filled in later with {@link #from(String)}. */
    public static ConfigProblem of(String object, String field, String reason) {
        return new ConfigProblem("", object, field, reason);
    }

    /** The same problem, said to come from {@code source}. */
    public ConfigProblem from(String source) {
        return new ConfigProblem(source, object, field, reason);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (String part : new String[] {source, object, field}) {
            if (!part.isEmpty()) {
                b.append(part).append(": ");
            }
        }
        return b.append(reason).toString();
    }
}
