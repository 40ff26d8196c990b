package edgebox.proxy.model;

import java.time.Instant;
import java.util.Map;

/**
 * The metadata routing reads. {@code created} is metadata.creationTimestamp, null when absent; {@code order} is
 * the order the configuration arrived in (the tie-breaker when there is no timestamp).
 */
public record Meta(String namespace, String name, Instant created, Map<String, String> labels,
        Map<String, String> annotations, long order) {

    public Meta {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public String key() {
        return namespace + "/" + name;
    }

    public Meta withOrder(long newOrder) {
        return new Meta(namespace, name, created, labels, annotations, newOrder);
    }
}
