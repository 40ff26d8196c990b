package edgebox.policy.identity;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Who traffic goes to, as Cilium's selectors see it: a label set with a numeric id. Endpoint identities carry
 * Kubernetes labels (Cilium's {@code k8s:} source, kept here without the prefix) and ids from
 * {@link #FIRST_ALLOCATED} on; within one {@link Destinations} the same label set is one object with one id, so the
 * verdict path may compare ids. The reserved identities have no labels but {@code reserved:<name>}: {@link #HOST}
 * (the box's own services) and {@link #WORLD} (everything else), with Cilium's numbers for them.
 */
public record Identity(int id, String reserved, Map<String, String> labels) {

    /** The first id given to a label set, as in Cilium (lower ids are reserved). */
    public static final int FIRST_ALLOCATED = 256;

    public static final Identity HOST = new Identity(1, "host", Map.of());
    public static final Identity WORLD = new Identity(2, "world", Map.of());

    public Identity {
        Objects.requireNonNull(reserved, "reserved");
        labels = Map.copyOf(labels);
    }

    public boolean isReserved() {
        return !reserved.isEmpty();
    }

    /**
     * The value of a label, null when the identity has none: a {@code k8s:} label by its plain key, or with
     * {@code reservedSource} the empty value Cilium gives {@code reserved:<name>} when {@code key} is this identity's
     * reserved name.
     */
    String value(boolean reservedSource, String key) {
        if (reservedSource) {
            return reserved.equals(key) ? "" : null;
        }
        return labels.get(key);
    }

    /** As Cilium prints identities: {@code 256 [k8s:app=web, k8s:io.kubernetes.pod.namespace=default]}. */
    @Override
    public String toString() {
        if (isReserved()) {
            return id + " [reserved:" + reserved + "]";
        }
        StringBuilder b = new StringBuilder().append(id).append(" [");
        String sep = "";
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            b.append(sep).append("k8s:").append(e.getKey()).append('=').append(e.getValue());
            sep = ", ";
        }
        return b.append(']').toString();
    }
}
