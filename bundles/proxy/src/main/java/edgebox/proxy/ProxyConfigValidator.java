package edgebox.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigValidator;
import edgebox.api.config.TypedConfig;
import org.osgi.service.component.annotations.Component;

/**
 * Refuses a PID {@code edgebox.proxy} configuration whose values the data path cannot take (sizes and counts below
 * 1, negative times, an unknown balancing policy, outlier or health-check settings that contradict each other)
 * before it reaches Config Admin, naming the key and the reason.
 */
@Component(property = ConfigValidator.PIDS + "=" + ProxyComponent.PID)
public final class ProxyConfigValidator implements ConfigValidator {

    @Override
    public List<ConfigProblem> validate(String pid, Map<String, Object> properties) {
        try {
            return check(view(properties));
        } catch (IllegalArgumentException e) {
            return List.of(problem(e));
        }
    }

    static List<ConfigProblem> check(ProxyConfig c) {
        List<ConfigProblem> problems = new ArrayList<>();
        atLeast(problems, "maxRequestLine", c.maxRequestLine(), 64);
        atLeast(problems, "maxHeaderBytes", c.maxHeaderBytes(), 256);
        atLeast(problems, "maxHeaderCount", c.maxHeaderCount(), 1);
        atLeast(problems, "maxBodyBytes", c.maxBodyBytes(), 0);
        atLeast(problems, "headerReadTimeoutMillis", c.headerReadTimeoutMillis(), 0);
        atLeast(problems, "idleTimeoutMillis", c.idleTimeoutMillis(), 0);
        atLeast(problems, "maxConnections", c.maxConnections(), 1);
        atLeast(problems, "http2MaxConcurrentStreams", c.http2MaxConcurrentStreams(), 1);
        atLeast(problems, "http2MaxResetsPerWindow", c.http2MaxResetsPerWindow(), 1);
        atLeast(problems, "http2ResetWindowSeconds", c.http2ResetWindowSeconds(), 1);
        atLeast(problems, "http2MaxSmallContinuationFrames", c.http2MaxSmallContinuationFrames(), 1);
        atLeast(problems, "connectTimeoutMillis", c.connectTimeoutMillis(), 1);
        atLeast(problems, "maxIdlePerEndpoint", c.maxIdlePerEndpoint(), 0);
        atLeast(problems, "maxConnectionsPerEndpoint", c.maxConnectionsPerEndpoint(), 1);
        atLeast(problems, "maxPendingPerEndpoint", c.maxPendingPerEndpoint(), 0);
        atLeast(problems, "pendingTimeoutMillis", c.pendingTimeoutMillis(), 1);
        atLeast(problems, "replayBufferBytes", c.replayBufferBytes(), 0);
        atLeast(problems, "drainTimeoutMillis", c.drainTimeoutMillis(), 0);
        atLeast(problems, "drainIdleGraceMillis", c.drainIdleGraceMillis(), 0);
        try {
            ProxySettings.balance(c);
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add(problem(e));
        }
        return problems;
    }

    /** A refusal whose message reads {@code [edgebox.proxy: ]field: reason}. */
    private static ConfigProblem problem(RuntimeException e) {
        String m = String.valueOf(e.getMessage()).replaceFirst("^edgebox\\.proxy: ", "");
        int colon = m.indexOf(": ");
        return colon > 0 ? ConfigProblem.of(ProxyComponent.PID, m.substring(0, colon), m.substring(colon + 2))
                : ConfigProblem.of(ProxyComponent.PID, "", m);
    }

    private static void atLeast(List<ConfigProblem> problems, String key, long value, long min) {
        if (value < min) {
            problems.add(ConfigProblem.of(ProxyComponent.PID, key, "must be at least " + min + ", was " + value));
        }
    }

    /** The properties seen through the configuration type: {@code balance.policy} answers {@code balance_policy()}. */
    static ProxyConfig view(Map<String, Object> properties) {
        return TypedConfig.of(ProxyConfig.class, properties);
    }
}
