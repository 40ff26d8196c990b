package edgebox.lb.health;

import java.time.Duration;
import java.util.Objects;

/**
 * How one Service port's backends are checked: the kind of check, the HTTP path, the port ({@code 0}: the
 * backend's own), how often, how long one check may take, and how many checks in a row turn a backend UP
 * ({@code rise}) or DOWN ({@code fall}). Valid by construction: {@link HealthAnnotations} checks the values first.
 */
public record HealthSpec(HealthCheck check, String path, int port, Duration interval, Duration timeout, int rise,
        int fall) {

    public HealthSpec {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(path, "path");
        if (port < 0 || port > 65535 || interval.isNegative() || interval.isZero() || timeout.isNegative()
                || timeout.isZero() || timeout.compareTo(interval) >= 0 || rise < 1 || fall < 1) {
            throw new IllegalArgumentException("health check: not a valid spec: " + check + " " + path + " port "
                    + port + " every " + interval + " within " + timeout + " rise " + rise + " fall " + fall);
        }
    }
}
