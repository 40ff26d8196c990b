package edgebox.config.apply;

import java.util.List;

import edgebox.api.config.ConfigProblem;
import edgebox.config.model.Plan;

/** What the engine reports as it works: the component logs it and counts it. */
public interface EngineListener {

    /** A file's changes reached Config Admin (only called when something changed). */
    void applied(String kind, Plan.Apply plan);

    /**
     * A file was refused. {@code repeated} is true when the same problems were already reported for this file, so
     * they are logged once.
     */
    void refused(String kind, String source, List<ConfigProblem> problems, boolean repeated);

    EngineListener NONE = new EngineListener() {
        @Override
        public void applied(String kind, Plan.Apply plan) {
        }

        @Override
        public void refused(String kind, String source, List<ConfigProblem> problems, boolean repeated) {
        }
    };
}
