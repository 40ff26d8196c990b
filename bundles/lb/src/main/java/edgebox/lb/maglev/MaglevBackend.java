package edgebox.lb.maglev;

/**
 * One backend of a Maglev table: a stable identity (such as "10.42.0.5:8080") that seeds its place in the
 * table, and a weight (its share of slots relative to the others).
 */
public record MaglevBackend(String id, int weight) {

    public MaglevBackend {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("Maglev backend: id: must not be empty");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("Maglev backend " + id + ": weight: must be >= 1, was " + weight);
        }
    }
}
