package edgebox.proxy.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edgebox.proxy.balance.BalanceSettings.Outlier;
import edgebox.proxy.balance.BalanceSettings.Policy;
import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClusterBalancerTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    static Endpoint ep(int n, boolean ready) {
        return new Endpoint(new InetSocketAddress("10.0.0." + n, 8080), ready, ready);
    }

    static Cluster cluster(Endpoint... endpoints) {
        return new Cluster("default/web:80", "", List.of(endpoints), "");
    }

    private BalancerRegistry registry(Policy policy, int panic, Outlier outlier) {
        return new BalancerRegistry(new BalanceSettings(policy, Map.of(), panic, outlier,
                BalanceSettings.HealthCheck.DEFAULTS), now::get);
    }

    private static Map<Endpoint, Integer> count(Balancer b, Cluster c, int picks) {
        Map<Endpoint, Integer> counts = new HashMap<>();
        for (int i = 0; i < picks; i++) {
            counts.merge(b.pick(c), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void roundRobinIsEvenAndSkipsEndpointsNotReady() {
        Cluster c = cluster(ep(1, true), ep(2, false), ep(3, true), ep(4, true));
        Balancer b = registry(Policy.ROUND_ROBIN, 50, Outlier.DEFAULTS).balancer(c.name());
        assertEquals(Map.of(ep(1, true), 100, ep(3, true), 100, ep(4, true), 100), count(b, c, 300));
        List<Endpoint> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            order.add(b.pick(c));
        }
        assertEquals(order.subList(0, 3), order.subList(3, 6), "a fixed rotation");
    }

    /** An endpoint's load as the upstream pools would report it, set by the test. */
    private static final class Load implements EndpointLoad {
        volatile boolean full;

        @Override
        public boolean full() {
            return full;
        }

        @Override
        public int connections() {
            return full ? 2 : 0;
        }

        @Override
        public int waiting() {
            return 0;
        }
    }

    @Test
    void endpointsBelowTheirConnectionCapComeFirstAndAllFullStillPicks() {
        Cluster c = cluster(ep(1, true), ep(2, true), ep(3, true));
        Map<InetSocketAddress, Load> loads = new HashMap<>();
        for (Policy policy : Policy.values()) {
            BalancerRegistry r = new BalancerRegistry(new BalanceSettings(policy, Map.of(), 50, Outlier.DEFAULTS,
                    BalanceSettings.HealthCheck.DEFAULTS), now::get,
                    a -> loads.computeIfAbsent(a, x -> new Load()));
            Balancer b = r.balancer(c.name());
            b.pick(c);
            loads.get(ep(1, true).address()).full = true;
            loads.get(ep(3, true).address()).full = true;
            assertEquals(Map.of(ep(2, true), 90), count(b, c, 90), policy + ": the one endpoint with room");
            loads.get(ep(2, true).address()).full = true;
            assertEquals(3, count(b, c, 90).size(), policy + ": all at the cap, all are picked (the request waits)");
            EndpointStatus s = r.status().get(0);
            assertEquals(2, s.connections(), "the status shows the connections");
            loads.clear();
        }
    }

    @Test
    void noReadyEndpointPicksNothing() {
        Cluster c = cluster(ep(1, false), ep(2, false));
        assertNull(registry(Policy.ROUND_ROBIN, 50, Outlier.DEFAULTS).balancer(c.name()).pick(c));
        assertNull(registry(Policy.LEAST_REQUEST, 50, Outlier.DEFAULTS).balancer(c.name()).pick(cluster()));
    }

    @Test
    void leastRequestPrefersTheEndpointWithFewerInFlight() {
        Cluster c = cluster(ep(1, true), ep(2, true));
        Balancer b = registry(Policy.LEAST_REQUEST, 50, Outlier.DEFAULTS).balancer(c.name());
        b.pick(c);
        for (int i = 0; i < 5; i++) {
            b.started(ep(1, true));
        }
        assertEquals(Map.of(ep(2, true), 200), count(b, c, 200), "two endpoints: both are always compared");
        for (int i = 0; i < 5; i++) {
            b.finished(ep(1, true), true);
        }
        Map<Endpoint, Integer> even = count(b, c, 2000);
        assertTrue(even.get(ep(1, true)) > 800 && even.get(ep(2, true)) > 800, "a tie is random: " + even);
    }

    @Test
    void leastRequestAmongManyAvoidsTheBusiestMostOfTheTime() {
        Cluster c = cluster(ep(1, true), ep(2, true), ep(3, true), ep(4, true));
        Balancer b = registry(Policy.LEAST_REQUEST, 50, Outlier.DEFAULTS).balancer(c.name());
        b.pick(c);
        for (int i = 0; i < 10; i++) {
            b.started(ep(1, true));
        }
        // ep1 is chosen only if both random choices are ep1, which two distinct choices never are.
        assertEquals(null, count(b, c, 2000).get(ep(1, true)));
    }

    @Test
    void consecutiveFailuresEjectForTheBaseTimeThenTheEndpointReturns() {
        Cluster c = cluster(ep(1, true), ep(2, true), ep(3, true));
        Balancer b = registry(Policy.ROUND_ROBIN, 0, new Outlier(3, Duration.ofSeconds(30), Duration.ofSeconds(300),
                50)).balancer(c.name());
        b.pick(c);
        b.finished(ep(1, true), false);
        b.finished(ep(1, true), false);
        b.finished(ep(1, true), true); // a success resets the count
        b.finished(ep(1, true), false);
        b.finished(ep(1, true), false);
        assertEquals(3, count(b, c, 300).size(), "four failures, never three in a row");
        b.finished(ep(1, true), false);
        assertEquals(Map.of(ep(2, true), 150, ep(3, true), 150), count(b, c, 300));
        now.addAndGet(29 * SECOND);
        assertFalse(count(b, c, 30).containsKey(ep(1, true)));
        now.addAndGet(SECOND);
        assertEquals(100, count(b, c, 300).get(ep(1, true)));
    }

    @Test
    void ejectionTimeGrowsWithEachEjectionAndDecaysInService() {
        Cluster c = cluster(ep(1, true), ep(2, true));
        BalancerRegistry r = registry(Policy.ROUND_ROBIN, 0, new Outlier(1, Duration.ofSeconds(10),
                Duration.ofSeconds(25), 50));
        Balancer b = r.balancer(c.name());
        b.pick(c);
        long[] expected = {10, 20, 25};
        for (long seconds : expected) {
            b.finished(ep(1, true), false);
            now.addAndGet(seconds * SECOND - 1);
            assertTrue(status(r, 1).ejected(), "still ejected just before " + seconds + " s");
            now.addAndGet(1);
            assertFalse(status(r, 1).ejected(), "back after " + seconds + " s");
        }
        assertEquals(3, status(r, 1).timesEjected());
        now.addAndGet(20 * SECOND); // two base times in service: the multiplier drops from 3 to 1, then 2
        b.finished(ep(1, true), false);
        now.addAndGet(20 * SECOND - 1);
        assertTrue(status(r, 1).ejected());
        now.addAndGet(1);
        assertFalse(status(r, 1).ejected());
    }

    @Test
    void maxEjectionPercentLimitsEjectionsButAlwaysAllowsOne() {
        Cluster c = cluster(ep(1, true), ep(2, true), ep(3, true), ep(4, true));
        BalancerRegistry r = registry(Policy.ROUND_ROBIN, 0, new Outlier(1, Duration.ofSeconds(30),
                Duration.ofSeconds(300), 10));
        Balancer b = r.balancer(c.name());
        b.pick(c);
        b.finished(ep(1, true), false);
        b.finished(ep(2, true), false);
        assertTrue(status(r, 1).ejected(), "10% of 4 is below one endpoint: one is ejected all the same");
        assertFalse(status(r, 2).ejected());
        r.configure(new BalanceSettings(Policy.ROUND_ROBIN, Map.of(), 0, new Outlier(1, Duration.ofSeconds(30),
                Duration.ofSeconds(300), 50), BalanceSettings.HealthCheck.DEFAULTS));
        b.finished(ep(2, true), false);
        b.finished(ep(3, true), false);
        assertTrue(status(r, 2).ejected());
        assertFalse(status(r, 3).ejected(), "a third would be 75%");
    }

    @Test
    void belowThePanicThresholdEjectedEndpointsServeAgain() {
        Cluster c = cluster(ep(1, true), ep(2, true));
        Outlier eager = new Outlier(1, Duration.ofSeconds(30), Duration.ofSeconds(300), 100);
        Balancer panics = registry(Policy.ROUND_ROBIN, 50, eager).balancer(c.name());
        panics.pick(c);
        panics.finished(ep(1, true), false);
        assertEquals(Map.of(ep(2, true), 10), count(panics, c, 10), "half healthy is not below 50%");
        panics.finished(ep(2, true), false);
        assertEquals(2, count(panics, c, 10).size(), "none healthy: all ready endpoints serve");
        Balancer strict = registry(Policy.ROUND_ROBIN, 0, eager).balancer(c.name());
        strict.pick(c);
        strict.finished(ep(1, true), false);
        strict.finished(ep(2, true), false);
        assertNull(strict.pick(c), "panic off: nothing to pick");
    }

    @Test
    void stateSurvivesASnapshotSwapAndIsDroppedWithItsEndpoint() {
        BalancerRegistry r = registry(Policy.ROUND_ROBIN, 0, new Outlier(1, Duration.ofSeconds(30),
                Duration.ofSeconds(300), 50));
        Cluster before = cluster(ep(1, true), ep(2, true));
        r.balancer(before.name()).pick(before);
        r.balancer(before.name()).finished(ep(1, true), false);
        Cluster after = cluster(ep(1, true), ep(2, true), ep(3, true)); // a new snapshot's list
        r.retain(List.of(after));
        assertEquals(Map.of(ep(2, true), 10, ep(3, true), 10), count(r.balancer(after.name()), after, 20));
        Cluster without = cluster(ep(2, true), ep(3, true));
        r.retain(List.of(without));
        assertEquals(List.of(ep(2, true).address(), ep(3, true).address()),
                r.status().stream().map(EndpointStatus::address).toList());
        r.retain(List.of());
        assertEquals(List.of(), r.status());
    }

    @Test
    void perClusterPolicyOverridesTheDefault() {
        BalanceSettings s = new BalanceSettings(Policy.ROUND_ROBIN,
                BalanceSettings.parseClusterPolicies(new String[] {"default/web:80=least-request"}), 50,
                Outlier.DEFAULTS, BalanceSettings.HealthCheck.DEFAULTS);
        assertEquals(Policy.LEAST_REQUEST, s.policyFor("default/web:80"));
        assertEquals(Policy.ROUND_ROBIN, s.policyFor("default/api:80"));
    }

    private static EndpointStatus status(BalancerRegistry r, int n) {
        return r.status().stream().filter(s -> s.address().equals(ep(n, true).address())).findFirst().orElseThrow();
    }
}
