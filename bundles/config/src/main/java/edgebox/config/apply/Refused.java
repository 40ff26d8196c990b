package edgebox.config.apply;

import java.util.List;
import java.util.stream.Collectors;

import edgebox.api.config.ConfigProblem;

/** A change the engine would not make, with every reason. */
public final class Refused extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public Refused(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public Refused(String source, String object, String reason) {
        this(List.of(new ConfigProblem(source, object, "", reason)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
