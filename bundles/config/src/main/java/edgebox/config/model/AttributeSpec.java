package edgebox.config.model;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One attribute a PID declares.
 *
 * @param id          the property name
 * @param type        the value type
 * @param cardinality 0 for a single value, positive for an array of at most that many (Integer.MAX_VALUE: no
 *                    limit), negative for a list of at most {@code -cardinality}
 * @param check       metatype's own check of one value in its text form: {@code null} or empty when valid (or
 *                    unchecked), else the reason
 */
public record AttributeSpec(String id, ValueType type, int cardinality, UnaryOperator<String> check) {

    public AttributeSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        check = check == null ? value -> null : check;
    }

    public static AttributeSpec of(String id, ValueType type) {
        return new AttributeSpec(id, type, 0, null);
    }

    public boolean multiple() {
        return cardinality != 0;
    }

    public int maxValues() {
        return Math.abs(cardinality);
    }
}
