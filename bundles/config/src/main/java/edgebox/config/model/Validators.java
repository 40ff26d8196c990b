package edgebox.config.model;

import java.util.List;
import java.util.Map;

import edgebox.api.config.ConfigProblem;

/** Every {@code ConfigValidator} that checks a PID, asked as one. */
@FunctionalInterface
public interface Validators {

    /** The problems the validators of {@code pid} (a PID or factory PID) find; empty when all are content. */
    List<ConfigProblem> validate(String pid, Map<String, Object> properties);

    Validators NONE = (pid, properties) -> List.of();
}
