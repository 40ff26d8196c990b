package edgebox.l2.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configurations of one of the announcer's factory PIDs, each parsed once, when it arrives, into its record.
 * A refused update leaves the configuration's previous record in force and is reported until the configuration
 * is fixed or deleted. Thread safe: Config Admin delivers while the compiler reads.
 *
 * @param <T> the record a configuration becomes
 */
public final class ParsedConfigs<T> {

    /** Reads one configuration; an IllegalArgumentException (best a {@link PlanProblem}) refuses it. */
    public interface Parser<T> {
        T parse(String pid, Map<String, ?> properties);
    }

    private final Parser<T> parser;
    private final Map<String, T> records = new TreeMap<>();
    private final Map<String, String> refused = new TreeMap<>();

    public ParsedConfigs(Parser<T> parser) {
        this.parser = parser;
    }

    public synchronized void update(String pid, Map<String, ?> properties) {
        try {
            records.put(pid, parser.parse(pid, properties));
            refused.remove(pid);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            refused.put(pid, message.startsWith(pid + ": ") ? message : pid + ": " + message);
        }
    }

    public synchronized void delete(String pid) {
        records.remove(pid);
        refused.remove(pid);
    }

    /** The records in force, in PID order. */
    public synchronized List<T> records() {
        return List.copyOf(records.values());
    }

    /** One line per refused configuration: its problem and what is in force instead. */
    public synchronized List<String> problems() {
        List<String> out = new ArrayList<>();
        refused.forEach((pid, problem) -> out.add(problem + (records.containsKey(pid)
                ? "; refused, its previous version stays in force" : "; refused")));
        return out;
    }
}
