package edgebox.config.apply;

import java.util.List;
import java.util.Set;

import edgebox.api.config.ConfigProblem;
import edgebox.config.model.ConfigKey;

/**
 * What the engine last made of one file.
 *
 * @param source         the file relative to the home
 * @param manifest       a manifest (else a .cfg file)
 * @param problems       why the file is refused now; empty when its content is applied
 * @param missingHandler refused (also) because a kind has no handler
 * @param unchecked      the configurations applied as strings because their PID declares no metatype
 */
public record FileState(String source, boolean manifest, List<ConfigProblem> problems, boolean missingHandler,
        Set<ConfigKey> unchecked) {

    public FileState {
        problems = List.copyOf(problems);
        unchecked = Set.copyOf(unchecked);
    }

    public boolean refused() {
        return !problems.isEmpty();
    }

    /**
     * Refused only because its kinds have no handler yet: the manifest of a function not installed (the seed's
     * certificates before {@code feature:install acme}). It applies when the handler comes; it is pending, not wrong.
     */
    public boolean waitingForHandler() {
        return missingHandler && !problems.isEmpty() && problems.stream().allMatch(FileState::noHandler);
    }

    static boolean noHandler(ConfigProblem p) {
        return p.reason().startsWith(edgebox.config.manifest.ManifestPlanner.NO_HANDLER);
    }

    /** The kind of source, as metrics label it. */
    public String kind() {
        return manifest ? "manifest" : "cfg";
    }
}
