package edgebox.health.metrics;

import java.util.Arrays;
import java.util.Objects;

/** The checks that keep label misuse from turning into the client's less helpful errors. */
final class Labels {

    private Labels() {
    }

    static void check(String name, boolean isParent, int labelCount, String[] values) {
        if (!isParent) {
            throw new IllegalStateException("metric " + name + ": labels(...) called on a child; call it on the metric");
        }
        if (values == null || values.length != labelCount) {
            throw new IllegalArgumentException("metric " + name + ": " + labelCount + " label values expected, got "
                    + (values == null ? "null" : Arrays.toString(values)));
        }
        for (String v : values) {
            Objects.requireNonNull(v, () -> "metric " + name + ": label value null in " + Arrays.toString(values));
        }
    }

    static <P> P point(String name, P point, int labelCount) {
        if (point == null) {
            throw new IllegalStateException("metric " + name + " has " + labelCount
                    + " labels: call labels(...) and use the child");
        }
        return point;
    }
}
