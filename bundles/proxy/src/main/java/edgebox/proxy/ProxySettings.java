package edgebox.proxy;

import java.time.Duration;

import edgebox.proxy.balance.BalanceSettings;
import edgebox.proxy.http.Limits;
import edgebox.proxy.upstream.ConnectionCaps;

/** The typed configuration {@link ProxyConfig} copied into the plain settings the data path and balancers take. */
final class ProxySettings {

    private ProxySettings() {
    }

    static Limits limits(ProxyConfig c) {
        return new Limits(c.maxRequestLine(), c.maxHeaderBytes(), c.maxHeaderCount(), c.maxBodyBytes(),
                c.headerReadTimeoutMillis(), c.idleTimeoutMillis(), c.maxConnections(), c.http2MaxConcurrentStreams(),
                c.http2MaxResetsPerWindow(), c.http2ResetWindowSeconds(), c.http2MaxSmallContinuationFrames(),
                c.connectTimeoutMillis(), c.maxIdlePerEndpoint(), c.replayBufferBytes(), c.drainTimeoutMillis(),
                c.drainIdleGraceMillis());
    }

    static ConnectionCaps caps(ProxyConfig c) {
        return new ConnectionCaps(c.maxConnectionsPerEndpoint(), c.maxPendingPerEndpoint(), c.pendingTimeoutMillis());
    }

    /** Throws IllegalArgumentException naming the key (balance.policy, outlier.*, healthCheck.*) and the reason. */
    static BalanceSettings balance(ProxyConfig c) {
        return new BalanceSettings(BalanceSettings.Policy.parse("balance.policy", c.balance_policy()),
                BalanceSettings.parseClusterPolicies(c.balance_clusterPolicies()), c.balance_panicThreshold(),
                new BalanceSettings.Outlier(c.outlier_consecutiveFailures(),
                        Duration.ofMillis(c.outlier_baseEjectionTimeMillis()),
                        Duration.ofMillis(c.outlier_maxEjectionTimeMillis()), c.outlier_maxEjectionPercent()),
                new BalanceSettings.HealthCheck(c.healthCheck_path(), c.healthCheck_host(),
                        Duration.ofMillis(c.healthCheck_intervalMillis()),
                        Duration.ofMillis(c.healthCheck_timeoutMillis()), c.healthCheck_healthyThreshold(),
                        c.healthCheck_unhealthyThreshold()));
    }
}
