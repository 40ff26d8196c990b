package edgebox.lb.health;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import edgebox.api.config.ConfigProblem;
import edgebox.api.objects.Service;
import edgebox.lb.plan.Protocol;

/**
 * A Service's health check annotations, read once. A bad value is a problem naming the Service and the
 * annotation, and the whole Service keeps the defaults; an unknown {@code edgebox.io/health-check-*} annotation is a
 * problem and is ignored.
 */
public final class HealthAnnotations {

    public static final String CHECK = "edgebox.io/health-check";
    public static final String PATH = CHECK + "-path";
    public static final String PORT = CHECK + "-port";
    public static final String INTERVAL = CHECK + "-interval";
    public static final String TIMEOUT = CHECK + "-timeout";
    public static final String HEALTHY_THRESHOLD = CHECK + "-healthy-threshold";
    public static final String UNHEALTHY_THRESHOLD = CHECK + "-unhealthy-threshold";

    private static final Set<String> KNOWN = Set.of(CHECK, PATH, PORT, INTERVAL, TIMEOUT, HEALTHY_THRESHOLD,
            UNHEALTHY_THRESHOLD);
    private static final int MAX = HealthDefaults.MAX_THRESHOLD;

    private final HealthCheck check;
    private final String path;
    private final int port;
    private final Duration interval;
    private final Duration timeout;
    private final int rise;
    private final int fall;
    private final List<ConfigProblem> problems;

    private HealthAnnotations(HealthCheck check, String path, int port, Duration interval, Duration timeout,
            int rise, int fall, List<ConfigProblem> problems) {
        this.check = check;
        this.path = path;
        this.port = port;
        this.interval = interval;
        this.timeout = timeout;
        this.rise = rise;
        this.fall = fall;
        this.problems = List.copyOf(problems);
    }

    /** Reads the Service's annotations over the defaults. */
    public static HealthAnnotations of(Service service, HealthDefaults defaults) {
        Reader r = new Reader(service);
        HealthCheck check = r.check();
        String path = r.text(PATH, defaults.path(), HealthAnnotations::pathProblem);
        Integer port = r.number(PORT, 0, 1, 65535, "a port number from 1 to 65535");
        Duration interval = r.duration(INTERVAL, defaults.interval(), HealthAnnotations::intervalProblem);
        Duration timeout = r.duration(TIMEOUT, defaults.timeout(), d -> timeoutProblem(d, null));
        Integer rise = r.number(HEALTHY_THRESHOLD, defaults.rise(), 1, MAX, "an integer from 1 to " + MAX);
        Integer fall = r.number(UNHEALTHY_THRESHOLD, defaults.fall(), 1, MAX, "an integer from 1 to " + MAX);
        if (interval != null && timeout != null && timeout.compareTo(interval) >= 0) {
            r.problem(service.meta().annotations().containsKey(TIMEOUT) ? TIMEOUT : INTERVAL,
                    timeoutProblem(timeout, interval));
        }
        boolean refused = !r.problems.isEmpty();
        r.unknown();
        if (refused) {
            return new HealthAnnotations(null, defaults.path(), 0, defaults.interval(), defaults.timeout(),
                    defaults.rise(), defaults.fall(), r.problems);
        }
        return new HealthAnnotations(check, path, port, interval, timeout, rise, fall, r.problems);
    }

    /** The spec for a port of this protocol: the annotated check, else {@code tcp} for TCP and none for UDP. */
    public HealthSpec spec(Protocol protocol) {
        HealthCheck kind = check != null ? check : protocol == Protocol.TCP ? HealthCheck.TCP : HealthCheck.NONE;
        return new HealthSpec(kind, path, port, interval, timeout, rise, fall);
    }

    /** What was wrong with the annotations; empty when all were taken. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    static String pathProblem(String path) {
        if (path == null || !path.startsWith("/")) {
            return "must start with \"/\"";
        }
        try {
            URI uri = new URI("http://backend" + path);
            return uri.getRawFragment() == null ? null : "must not hold a fragment (#)";
        } catch (URISyntaxException e) {
            return "is not a URI path: " + e.getReason();
        }
    }

    static String intervalProblem(Duration interval) {
        return interval.compareTo(HealthDefaults.MIN_INTERVAL) < 0
                || interval.compareTo(HealthDefaults.MAX_INTERVAL) > 0 ? "must be from 100ms to 1h" : null;
    }

    /** A problem with a timeout, or with its relation to the interval when {@code interval} is not null. */
    static String timeoutProblem(Duration timeout, Duration interval) {
        if (timeout.toMillis() < 1) {
            return "must be at least 1ms";
        }
        if (interval != null && timeout.compareTo(interval) >= 0) {
            return "the timeout " + GoDuration.format(timeout) + " must be shorter than the interval "
                    + GoDuration.format(interval);
        }
        return null;
    }

    static String thresholdProblem(int threshold) {
        return threshold < 1 || threshold > MAX ? "must be from 1 to " + MAX : null;
    }

    /** Reads one Service's annotations, collecting a problem per bad one. */
    private static final class Reader {

        private final Service service;
        private final Map<String, String> annotations;
        private final List<ConfigProblem> problems = new ArrayList<>();

        Reader(Service service) {
            this.service = service;
            this.annotations = service.meta().annotations();
        }

        HealthCheck check() {
            String text = annotations.get(CHECK);
            if (text == null) {
                return null;
            }
            return switch (text.strip()) {
                case "tcp" -> HealthCheck.TCP;
                case "http" -> HealthCheck.HTTP;
                case "none" -> HealthCheck.NONE;
                default -> {
                    bad(CHECK, "tcp, http or none", text);
                    yield null;
                }
            };
        }

        String text(String key, String otherwise, Function<String, String> problemOf) {
            String text = annotations.get(key);
            if (text == null) {
                return otherwise;
            }
            String problem = problemOf.apply(text.strip());
            if (problem != null) {
                problem(key, problem + ", was \"" + text + "\"");
                return null;
            }
            return text.strip();
        }

        Integer number(String key, int otherwise, int min, int max, String what) {
            String text = annotations.get(key);
            if (text == null) {
                return otherwise;
            }
            try {
                int n = Integer.parseInt(text.strip());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            bad(key, what, text);
            return null;
        }

        Duration duration(String key, Duration otherwise, Function<Duration, String> problemOf) {
            String text = annotations.get(key);
            if (text == null) {
                return otherwise;
            }
            Duration d = GoDuration.parse(text.strip());
            if (d == null) {
                bad(key, "a duration such as 5s or 500ms", text);
                return null;
            }
            String problem = problemOf.apply(d);
            if (problem != null) {
                problem(key, problem + ", was \"" + text + "\"");
                return null;
            }
            return d;
        }

        void unknown() {
            annotations.keySet().stream().filter(k -> k.startsWith(CHECK) && !KNOWN.contains(k)).sorted()
                    .forEach(k -> problems.add(ConfigProblem.of("Service " + service.meta().key(),
                            "metadata.annotations[" + k + "]", "is not a health check annotation; ignored")));
        }

        private void bad(String key, String what, String text) {
            problem(key, "must be " + what + ", was \"" + text + "\"");
        }

        void problem(String key, String reason) {
            problems.add(ConfigProblem.of("Service " + service.meta().key(), "metadata.annotations[" + key + "]",
                    reason + "; the Service's health checks keep the defaults"));
        }
    }
}
