package edgebox.objects;

import java.util.List;
import java.util.Map;

import edgebox.api.config.ConfigProblem;
import edgebox.api.objects.ObjectSnapshot;

/** What the console and the health entry read of the store (an in-bundle service). */
public interface ObjectsView {

    ObjectSnapshot current();

    /** The refusals in force, by configuration PID: their last good object, if any, is still served. */
    Map<String, List<ConfigProblem>> refusals();

    /** Whether the first complete snapshot has been published. */
    boolean ready();
}
