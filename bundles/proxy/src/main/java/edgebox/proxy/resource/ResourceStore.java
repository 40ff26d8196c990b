package edgebox.proxy.resource;

import edgebox.proxy.model.Resource;

/** Where the per-kind components put the resource their configuration describes (an in-bundle service). */
public interface ResourceStore {

    /** Adds or replaces the resource of configuration {@code pid} (the configuration's own PID). */
    void put(String pid, Resource resource);

    void remove(String pid);
}
