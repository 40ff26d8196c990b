package edgebox.health.readiness;

import java.util.List;

/**
 * One bundle as readiness sees it.
 *
 * @param reasons    why an installed bundle does not resolve ({@code missing package org.foo [1.0,2)}); empty otherwise
 * @param lastError  the last framework error reported for the bundle, or {@code null}
 */
public record BundleStatus(long id, String name, String version, State state, boolean fragment, List<String> reasons,
        String lastError) {

    public enum State { INSTALLED, RESOLVED, STARTING, STOPPING, ACTIVE, UNINSTALLED }

    public BundleStatus {
        reasons = List.copyOf(reasons);
    }

    /** A bundle is ready when ACTIVE; a fragment, which never starts, when RESOLVED. */
    public boolean ready() {
        return fragment ? state == State.RESOLVED || state == State.ACTIVE : state == State.ACTIVE;
    }

    /** {@code edgebox.dns [12]}. */
    public String label() {
        return name + " [" + id + "]";
    }

    /** Why it is not ready: the unresolved requirements, else its state (and the last error if any). */
    public String reason() {
        if (!reasons.isEmpty()) {
            return String.join("; ", reasons);
        }
        String s = fragment ? "fragment not attached" : state == State.RESOLVED ? "resolved, not started" : state.name();
        return lastError == null ? s : s + "; last error: " + lastError;
    }
}
