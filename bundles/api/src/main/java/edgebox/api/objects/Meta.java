package edgebox.api.objects;

import java.time.Instant;
import java.util.Map;

/**
 * The metadata the functions read. {@code namespace} is empty for a cluster-scoped object; {@code created} is
 * metadata.creationTimestamp, null when absent; {@code order} is the order the object first arrived in (the
 * tie-breaker when there is no timestamp), kept across updates.
 */
public record Meta(String namespace, String name, Instant created, Map<String, String> labels,
        Map<String, String> annotations, long order) {

    public Meta {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public String key() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    public Meta withOrder(long newOrder) {
        return new Meta(namespace, name, created, labels, annotations, newOrder);
    }
}
