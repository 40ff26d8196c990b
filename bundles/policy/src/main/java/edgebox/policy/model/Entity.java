package edgebox.policy.model;

import java.util.Optional;

/**
 * The Cilium entities that mean something at the edge: {@code world} (a client in no CIDR group), {@code host}
 * (the box's own services) and {@code all}.
 */
public enum Entity {
    WORLD("world"), HOST("host"), ALL("all");

    private final String text;

    Entity(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static Optional<Entity> of(String text) {
        for (Entity e : values()) {
            if (e.text.equals(text)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
