package edgebox.health.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import edgebox.api.health.Conditions;
import edgebox.api.health.Health;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private static final Readiness RULES = new Readiness(List.of(Conditions.CONFIG_LOADED, Conditions.FEATURES_BOOTED));
    private static final Set<String> BOTH = Set.of(Conditions.CONFIG_LOADED, Conditions.FEATURES_BOOTED);

    /** A healthy box, to which each test adds one thing. */
    private static final class Box {
        boolean frameworkActive = true;
        final List<BundleStatus> bundles = new ArrayList<>(List.of(
                bundle(0, "org.apache.felix.framework", BundleStatus.State.ACTIVE, false),
                bundle(5, "edgebox.net", BundleStatus.State.ACTIVE, false)));
        final List<ComponentStatus> components = new ArrayList<>(List.of(
                component("edgebox.net.NetComponent", ComponentStatus.State.ACTIVE, null)));
        Set<String> conditions = BOTH;
        final List<FunctionStatus> functions = new ArrayList<>(List.of(
                new FunctionStatus("net", "edgebox.net", Health.up("io_uring, 2 event loop threads"))));

        ReadinessReport evaluate() {
            return RULES.evaluate(new ReadinessInputs(frameworkActive, bundles, components, conditions, functions));
        }
    }

    private static BundleStatus bundle(long id, String name, BundleStatus.State state, boolean fragment) {
        return new BundleStatus(id, name, "1.0.0", state, fragment, List.of(), null);
    }

    private static ComponentStatus component(String name, ComponentStatus.State state, String detail) {
        return new ComponentStatus(name, "edgebox.net", 1, state, detail);
    }

    @Test
    void conditionsAreMetOnlyWhenEveryRequiredOneIsRegistered() {
        assertTrue(RULES.conditionsMet(BOTH));
        assertTrue(RULES.conditionsMet(Set.of(Conditions.CONFIG_LOADED, Conditions.FEATURES_BOOTED, "other")));
        assertFalse(RULES.conditionsMet(Set.of(Conditions.CONFIG_LOADED)));
        assertFalse(RULES.conditionsMet(Set.of()));
    }

    @Test
    void healthyBoxIsReadyAndLive() {
        ReadinessReport r = new Box().evaluate();
        assertTrue(r.ready(), r.notReady().toString());
        assertTrue(r.live());
        assertEquals(List.of(), r.failures());
    }

    @Test
    void installedBundleIsNotReadyWithItsReason() {
        Box box = new Box();
        box.bundles.add(new BundleStatus(9, "edgebox.dns", "0.1.0", BundleStatus.State.INSTALLED, false,
                List.of("missing package org.xbill.DNS [3.6.0,4.0.0)"), null));
        ReadinessReport r = box.evaluate();
        assertFalse(r.ready());
        assertTrue(r.live(), "an unresolved bundle does not make the box dead");
        assertEquals(List.of("bundle edgebox.dns [9] INSTALLED: missing package org.xbill.DNS [3.6.0,4.0.0)"),
                r.notReady());
        assertEquals(r.notReady(), r.failures());
    }

    @Test
    void resolvedButStoppedBundleIsNotReady() {
        Box box = new Box();
        box.bundles.add(new BundleStatus(9, "edgebox.dns", "0.1.0", BundleStatus.State.RESOLVED, false, List.of(),
                "activator threw"));
        ReadinessReport r = box.evaluate();
        assertEquals(List.of("bundle edgebox.dns [9] RESOLVED: resolved, not started; last error: activator threw"),
                r.notReady());
        assertEquals(List.of(), r.failures(), "a stopped bundle is not a failure to log");
    }

    @Test
    void fragmentIsReadyWhenResolvedAndNotWhenInstalled() {
        Box box = new Box();
        box.bundles.add(bundle(7, "io.netty.transport-native-epoll.linux-x86_64", BundleStatus.State.RESOLVED, true));
        assertTrue(box.evaluate().ready());
        box.bundles.set(2, bundle(7, "io.netty.transport-native-epoll.linux-x86_64", BundleStatus.State.INSTALLED, true));
        assertFalse(box.evaluate().ready());
    }

    @Test
    void startingBundleIsNotReady() {
        Box box = new Box();
        box.bundles.add(bundle(8, "edgebox.proxy", BundleStatus.State.STARTING, false));
        assertFalse(box.evaluate().ready());
    }

    @Test
    void componentStates() {
        for (ComponentStatus.State state : ComponentStatus.State.values()) {
            Box box = new Box();
            box.components.add(component("edgebox.dns.DnsComponent", state, null));
            boolean expected = state == ComponentStatus.State.ACTIVE || state == ComponentStatus.State.SATISFIED
                    || state == ComponentStatus.State.UNSATISFIED_CONFIGURATION;
            assertEquals(expected, box.evaluate().ready(), state.name());
        }
    }

    @Test
    void failedComponentCarriesTheFailureText() {
        Box box = new Box();
        box.components.add(component("edgebox.dns.DnsComponent", ComponentStatus.State.FAILED_ACTIVATION,
                "java.lang.IllegalArgumentException: edgebox.dns: port: 70000 out of range"));
        ReadinessReport r = box.evaluate();
        assertEquals(List.of("component edgebox.dns.DnsComponent (edgebox.net) FAILED_ACTIVATION: "
                + "java.lang.IllegalArgumentException: edgebox.dns: port: 70000 out of range"), r.notReady());
        assertEquals(r.notReady(), r.failures());
    }

    @Test
    void eachMissingConditionIsNamed() {
        Box box = new Box();
        box.conditions = Set.of(Conditions.CONFIG_LOADED, "true");
        ReadinessReport r = box.evaluate();
        assertEquals(List.of("condition edgebox.features.booted not registered"), r.notReady());
        box.conditions = Set.of();
        assertEquals(2, box.evaluate().notReady().size());
    }

    @Test
    void functionStates() {
        Box box = new Box();
        box.functions.add(new FunctionStatus("config", "edgebox.config", Health.degraded("1 file refused", "bad.cfg")));
        assertTrue(box.evaluate().ready(), "DEGRADED still serves");

        box.functions.add(new FunctionStatus("dns", "edgebox.dns", Health.starting("loading zones")));
        ReadinessReport starting = box.evaluate();
        assertFalse(starting.ready());
        assertTrue(starting.live(), "STARTING is alive");
        assertEquals(List.of("function dns STARTING: loading zones"), starting.notReady());

        box.functions.set(2, new FunctionStatus("dns", "edgebox.dns", Health.down("no listener", "port 53 in use")));
        ReadinessReport down = box.evaluate();
        assertFalse(down.ready());
        assertFalse(down.live(), "DOWN fails liveness");
        assertEquals(List.of("function dns DOWN: no listener (last error: port 53 in use)"), down.notLive());
        assertEquals(down.notLive(), down.failures());
    }

    @Test
    void stoppedFrameworkIsNeitherLiveNorReady() {
        Box box = new Box();
        box.frameworkActive = false;
        ReadinessReport r = box.evaluate();
        assertFalse(r.live());
        assertFalse(r.ready());
        assertEquals(List.of("framework is not active"), r.notLive());
    }
}
