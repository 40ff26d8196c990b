package edgebox.api.health;

import java.util.Objects;

/** What one function says about itself: its state, a one-line detail, and the last error it met. */
public record Health(Status status, String detail, String lastError) {

    public enum Status {
        /** Working as configured. */
        UP,
        /** Serving, with something wrong worth a look (a refused configuration, a lost upstream). */
        DEGRADED,
        /** Not serving yet. */
        STARTING,
        /** Not serving. */
        DOWN
    }

    public Health {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    /** Whether the function serves traffic: UP or DEGRADED. */
    public boolean ready() {
        return status == Status.UP || status == Status.DEGRADED;
    }

    public static Health up(String detail) {
        return new Health(Status.UP, detail, null);
    }

    public static Health degraded(String detail, String lastError) {
        return new Health(Status.DEGRADED, detail, lastError);
    }

    public static Health starting(String detail) {
        return new Health(Status.STARTING, detail, null);
    }

    public static Health down(String detail, String lastError) {
        return new Health(Status.DOWN, detail, lastError);
    }
}
