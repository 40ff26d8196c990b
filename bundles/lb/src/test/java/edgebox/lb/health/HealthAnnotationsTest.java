package edgebox.lb.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import edgebox.api.config.ConfigProblem;
import edgebox.api.objects.Service;
import edgebox.lb.plan.Plans;
import edgebox.lb.plan.Protocol;
import edgebox.objects.testing.YamlObjects;

/** Each annotation: Service annotations in, the TCP and UDP ports' specs and the problems out. */
class HealthAnnotationsTest {

    private static final String DEFAULTS = "tcp / port 0 every 5s within 2s rise 2 fall 3";
    private static final String UDP_DEFAULTS = "none / port 0 every 5s within 2s rise 2 fall 3";
    private static final String KEEP = "; the Service's health checks keep the defaults";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no annotation: tcp on TCP ports, none on UDP ports", "",
                        List.of(DEFAULTS, UDP_DEFAULTS)),
                Arguments.of("every annotation taken",
                        "edgebox.io/health-check: http, edgebox.io/health-check-path: '/healthz?full=1', "
                                + "edgebox.io/health-check-port: '8081', edgebox.io/health-check-interval: 1m30s, "
                                + "edgebox.io/health-check-timeout: 1.5s, edgebox.io/health-check-healthy-threshold: "
                                + "'1', edgebox.io/health-check-unhealthy-threshold: '5'",
                        List.of("http /healthz?full=1 port 8081 every 1m30s within 1500ms rise 1 fall 5",
                                "http /healthz?full=1 port 8081 every 1m30s within 1500ms rise 1 fall 5")),
                Arguments.of("none turns checks off on TCP ports too", "edgebox.io/health-check: none",
                        List.of(UDP_DEFAULTS, UDP_DEFAULTS)),
                Arguments.of("the interval's bounds are taken: 100ms and 1h",
                        "edgebox.io/health-check-interval: 100ms, edgebox.io/health-check-timeout: 99ms",
                        List.of("tcp / port 0 every 100ms within 99ms rise 2 fall 3",
                                "none / port 0 every 100ms within 99ms rise 2 fall 3")),
                Arguments.of("1h is the longest interval", "edgebox.io/health-check-interval: 1h",
                        List.of("tcp / port 0 every 1h within 2s rise 2 fall 3",
                                "none / port 0 every 1h within 2s rise 2 fall 3")),
                Arguments.of("an unknown check kind keeps the defaults", "edgebox.io/health-check: grpc",
                        List.of(DEFAULTS, UDP_DEFAULTS, "problem Service shop/web: "
                                + "metadata.annotations[edgebox.io/health-check]: must be tcp, http or none, was "
                                + "\"grpc\"" + KEEP)),
                Arguments.of("one bad value keeps the defaults for every field",
                        "edgebox.io/health-check: http, edgebox.io/health-check-interval: 5",
                        List.of(DEFAULTS, UDP_DEFAULTS, "problem Service shop/web: "
                                + "metadata.annotations[edgebox.io/health-check-interval]: must be a duration such as "
                                + "5s or 500ms, was \"5\"" + KEEP)),
                Arguments.of("an interval under 100ms", "edgebox.io/health-check-interval: 50ms",
                        List.of(DEFAULTS, UDP_DEFAULTS, "problem Service shop/web: "
                                + "metadata.annotations[edgebox.io/health-check-interval]: must be from 100ms to 1h, "
                                + "was \"50ms\"" + KEEP)),
                Arguments.of("an interval over 1h", "edgebox.io/health-check-interval: 61m",
                        List.of(DEFAULTS, UDP_DEFAULTS, "problem Service shop/web: "
                                + "metadata.annotations[edgebox.io/health-check-interval]: must be from 100ms to 1h, "
                                + "was \"61m\"" + KEEP)),
                Arguments.of("a timeout not shorter than the interval names the timeout",
                        "edgebox.io/health-check-interval: 2s, edgebox.io/health-check-timeout: 2s",
                        List.of(DEFAULTS, UDP_DEFAULTS, "problem Service shop/web: "
                                + "metadata.annotations[edgebox.io/health-check-timeout]: the timeout 2s must be "
                                + "shorter than the interval 2s" + KEEP)),
                Arguments.of("an interval under the default timeout names the interval",
                        "edgebox.io/health-check-interval: 1s",
                        List.of(DEFAULTS, UDP_DEFAULTS, "problem Service shop/web: "
                                + "metadata.annotations[edgebox.io/health-check-interval]: the timeout 2s must be "
                                + "shorter than the interval 1s" + KEEP)),
                Arguments.of("a negative duration", "edgebox.io/health-check-timeout: -1s",
                        List.of(DEFAULTS, UDP_DEFAULTS, "problem Service shop/web: "
                                + "metadata.annotations[edgebox.io/health-check-timeout]: must be a duration such as "
                                + "5s or 500ms, was \"-1s\"" + KEEP)),
                Arguments.of("a path must start with a slash", "edgebox.io/health-check-path: healthz",
                        List.of(DEFAULTS, UDP_DEFAULTS, "problem Service shop/web: "
                                + "metadata.annotations[edgebox.io/health-check-path]: must start with \"/\", was "
                                + "\"healthz\"" + KEEP)),
                Arguments.of("a path must be a URI path", "edgebox.io/health-check-path: /a b",
                        List.of(DEFAULTS, UDP_DEFAULTS, "problem Service shop/web: "
                                + "metadata.annotations[edgebox.io/health-check-path]: is not a URI path: Illegal "
                                + "character in path, was \"/a b\"" + KEEP)),
                Arguments.of("ports and thresholds out of range, each reported",
                        "edgebox.io/health-check-port: '70000', edgebox.io/health-check-healthy-threshold: '0', "
                                + "edgebox.io/health-check-unhealthy-threshold: many",
                        List.of(DEFAULTS, UDP_DEFAULTS,
                                "problem Service shop/web: metadata.annotations[edgebox.io/health-check-port]: must "
                                        + "be a port number from 1 to 65535, was \"70000\"" + KEEP,
                                "problem Service shop/web: metadata.annotations[edgebox.io/health-check-healthy-"
                                        + "threshold]: must be an integer from 1 to 100, was \"0\"" + KEEP,
                                "problem Service shop/web: metadata.annotations[edgebox.io/health-check-unhealthy-"
                                        + "threshold]: must be an integer from 1 to 100, was \"many\"" + KEEP)),
                Arguments.of("an unknown health-check annotation is reported and the others are taken",
                        "edgebox.io/health-check: http, edgebox.io/health-check-uri: /x",
                        List.of("http / port 0 every 5s within 2s rise 2 fall 3",
                                "http / port 0 every 5s within 2s rise 2 fall 3",
                                "problem Service shop/web: metadata.annotations[edgebox.io/health-check-uri]: is not "
                                        + "a health check annotation; ignored")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reads(String rule, String annotations, List<String> expected) {
        HealthAnnotations read = HealthAnnotations.of(service(annotations), HealthDefaults.DEFAULT);
        List<String> lines = new ArrayList<>();
        lines.add(line(read.spec(Protocol.TCP)));
        lines.add(line(read.spec(Protocol.UDP)));
        for (ConfigProblem p : read.problems()) {
            lines.add("problem " + p);
        }
        assertEquals(expected, lines, rule);
    }

    @Test
    void defaultsComeFromTheRecordTheComponentConfigures() {
        HealthDefaults defaults = new HealthDefaults("/ready", Duration.ofSeconds(10), Duration.ofSeconds(1), 3, 4);
        assertEquals("tcp /ready port 0 every 10s within 1s rise 3 fall 4",
                line(HealthAnnotations.of(service(""), defaults).spec(Protocol.TCP)));
    }

    @Test
    void badDefaultsAreRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HealthDefaults("/", Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 3));
        assertEquals("health check defaults: timeout: the timeout 1s must be shorter than the interval 1s",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new HealthDefaults("/", Duration.ofSeconds(5), Duration.ofSeconds(1), 2, 0));
        assertEquals("health check defaults: fall: must be from 1 to 100", e.getMessage());
    }

    @Test
    void goDurations() {
        assertEquals(Duration.ofMillis(500), GoDuration.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s"));
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1.5h"));
        assertEquals(Duration.ofNanos(1500), GoDuration.parse("1.5us"));
        assertEquals(Duration.ofMillis(500), GoDuration.parse(".5s"));
        for (String bad : List.of("", "5", "s", "5 s", "-5s", "5sec", "1.s.", "9999999999h")) {
            assertEquals(null, GoDuration.parse(bad), bad);
        }
        assertEquals("1h", GoDuration.format(Duration.ofHours(1)));
        assertEquals("1500ms", GoDuration.format(Duration.ofMillis(1500)));
    }

    private static Service service(String annotations) {
        String yaml = Plans.service("web", "10.0.0.1", annotations, "{name: http, port: 80}");
        return YamlObjects.snapshot(yaml).services().getFirst();
    }

    private static String line(HealthSpec s) {
        return s.check().name().toLowerCase() + " " + s.path() + " port " + s.port() + " every "
                + GoDuration.format(s.interval()) + " within " + GoDuration.format(s.timeout()) + " rise " + s.rise()
                + " fall " + s.fall();
    }
}
