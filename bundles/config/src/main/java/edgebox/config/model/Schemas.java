package edgebox.config.model;

import java.util.Optional;

/** Where the declared types of a PID come from (metatype, in the running box). */
@FunctionalInterface
public interface Schemas {

    /** The schema of a PID, or of a factory PID when {@code factory} is true; empty when none is declared. */
    Optional<Schema> find(String pid, boolean factory);

    Schemas NONE = (pid, factory) -> Optional.empty();
}
