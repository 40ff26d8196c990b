package edgebox.policy.parse;

import java.util.List;

import edgebox.api.config.ConfigProblem;

/** What a parser gives: the object, or the problems that refuse it (never both). */
public record Parsed<T>(T value, List<ConfigProblem> problems) {

    public Parsed {
        problems = List.copyOf(problems);
        if (problems.isEmpty() == (value == null)) {
            throw new IllegalArgumentException("a value or problems, not both");
        }
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
