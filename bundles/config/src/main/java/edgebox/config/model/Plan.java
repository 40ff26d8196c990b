package edgebox.config.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import edgebox.api.config.ConfigProblem;

/** What to do with one file: write these configurations and delete those, all of it, or nothing (a refusal). */
public sealed interface Plan {

    String source();

    /**
     * The file's changes. Puts and deletes name only what differs from what Config Admin holds.
     *
     * @param produced  every configuration the file produces now, changed or not
     * @param unchecked the produced configurations whose PID declares no metatype: applied as strings
     */
    record Apply(String source, List<Put> puts, List<ConfigKey> deletes, Set<ConfigKey> produced,
            Set<ConfigKey> unchecked) implements Plan {

        public Apply {
            Objects.requireNonNull(source, "source");
            puts = List.copyOf(puts);
            deletes = List.copyOf(deletes);
            produced = Set.copyOf(produced);
            unchecked = Set.copyOf(unchecked);
        }

        public boolean changes() {
            return !puts.isEmpty() || !deletes.isEmpty();
        }
    }

    /**
     * The file is refused whole: nothing of it changes.
     *
     * @param missingHandler whether a kind without a handler is among the reasons: the file is tried again when a
     *                       handler arrives
     */
    record Refuse(String source, List<ConfigProblem> problems, boolean missingHandler) implements Plan {

        public Refuse {
            Objects.requireNonNull(source, "source");
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a refusal needs at least one problem");
            }
        }
    }

    /** Create or update one configuration with these properties (tags included). */
    record Put(ConfigKey key, Map<String, Object> properties) {

        public Put {
            Objects.requireNonNull(key, "key");
            properties = Map.copyOf(properties);
        }
    }

    /** The plan that removes what a gone file produced. */
    static Apply removal(String source, Map<ConfigKey, Applied> current) {
        List<ConfigKey> deletes = current.values().stream()
                .filter(a -> source.equals(a.source()))
                .map(Applied::key).sorted().toList();
        return new Apply(source, List.of(), deletes, Set.of(), Set.of());
    }

    /** The deletes that complete a file's plan: its configurations in Config Admin that it no longer produces. */
    static List<ConfigKey> stale(String source, Set<ConfigKey> produced, Map<ConfigKey, Applied> current) {
        return current.values().stream()
                .filter(a -> source.equals(a.source()) && !produced.contains(a.key()))
                .map(Applied::key).sorted().toList();
    }
}
