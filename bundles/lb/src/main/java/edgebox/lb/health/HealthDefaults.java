package edgebox.lb.health;

import java.time.Duration;

/**
 * The health check values a Service takes when its annotations say nothing, so the component can set them from
 * its configuration. The check kind has no default here: TCP ports are checked by {@code tcp}, UDP ports not at all.
 */
public record HealthDefaults(String path, Duration interval, Duration timeout, int rise, int fall) {

    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    public static final Duration MAX_INTERVAL = Duration.ofHours(1);
    public static final int MAX_THRESHOLD = 100;

    public static final HealthDefaults DEFAULT = new HealthDefaults("/", Duration.ofSeconds(5), Duration.ofSeconds(2),
            2, 3);

    public HealthDefaults {
        refuse("path", HealthAnnotations.pathProblem(path));
        refuse("interval", HealthAnnotations.intervalProblem(interval));
        refuse("timeout", HealthAnnotations.timeoutProblem(timeout, interval));
        refuse("rise", HealthAnnotations.thresholdProblem(rise));
        refuse("fall", HealthAnnotations.thresholdProblem(fall));
    }

    private static void refuse(String field, String problem) {
        if (problem != null) {
            throw new IllegalArgumentException("health check defaults: " + field + ": " + problem);
        }
    }
}
