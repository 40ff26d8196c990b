package edgebox.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import edgebox.api.config.ConfigProblem;
import org.junit.jupiter.api.Test;

class ProxyConfigValidatorTest {

    private static List<String> problems(Map<String, Object> properties) {
        return new ProxyConfigValidator().validate("edgebox.proxy", properties).stream()
                .map(ConfigProblem::toString).toList();
    }

    @Test
    void defaultsAreFine() {
        assertEquals(List.of(), problems(Map.of()));
    }

    @Test
    void eachBadValueNamesItsKey() {
        assertEquals(List.of("edgebox.proxy: maxHeaderCount: must be at least 1, was 0",
                "edgebox.proxy: connectTimeoutMillis: must be at least 1, was -5"),
                problems(Map.of("maxHeaderCount", 0, "connectTimeoutMillis", -5L)));
        assertEquals(List.of("edgebox.proxy: maxConnectionsPerEndpoint: must be at least 1, was 0",
                "edgebox.proxy: maxPendingPerEndpoint: must be at least 0, was -1",
                "edgebox.proxy: pendingTimeoutMillis: must be at least 1, was 0"),
                problems(Map.of("maxConnectionsPerEndpoint", 0, "maxPendingPerEndpoint", -1,
                        "pendingTimeoutMillis", 0L)));
        assertEquals(List.of("edgebox.proxy: balance.policy: must be round-robin or least-request, was \"random\""),
                problems(Map.of("balance.policy", "random")));
        assertEquals(List.of("edgebox.proxy: healthCheck.timeout: must be <= healthCheck.interval, was PT10S"),
                problems(Map.of("healthCheck.timeoutMillis", 10_000L, "healthCheck.intervalMillis", 5_000L)));
    }
}
