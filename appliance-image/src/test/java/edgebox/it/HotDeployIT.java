package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/: bundles dropped in are installed and started, a newer provider replaces the old one live and the consumer
 * rebinds without a restart, a removed file is uninstalled, a bundle that cannot resolve is reported and harms no other.
 */
class HotDeployIT {

    static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static Box box;
    static Path key;

    @BeforeAll
    static void start() throws Exception {
        box = Box.create(dir, "HotDeployIT");
        key = box.authorize(dir, "operator");
        box.start().awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        box.close();
    }

    private static Map<String, String> consumerState() throws Exception {
        Path file = box.home.resolve("data/hot-consumer.txt");
        Map<String, String> state = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                state.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return state;
    }

    private static Map<String, String> awaitState(String key, String value) throws Exception {
        Map<String, String> state = Tools.until(WITHIN, s -> value.equals(s.get(key)), HotDeployIT::consumerState);
        if (!value.equals(state.get(key))) {
            Tools.Result bundles = Tools.ssh(box.sshPort, HotDeployIT.key, "lb -s");
            Tools.Result components = Tools.ssh(box.sshPort, HotDeployIT.key, "scr:list");
            assertEquals(value, state.get(key), "consumer state " + state + "\nbundles:\n" + bundles
                    + "\ncomponents:\n" + components + "\noutput:\n" + box.output());
        }
        return state;
    }

    @Test
    void providerUpdatedLiveConsumerRebindsAndRemovedBundleIsUninstalled() throws Exception {
        String pid = Long.toString(box.process().pid());
        box.deploy("greeter-api.jar", TestBundles.api());
        box.deploy("greeter-consumer.jar", TestBundles.consumer());
        box.deploy("greeter-provider.jar", TestBundles.provider("1.0.0"));
        Map<String, String> v1 = awaitState("greeting", "hello from 1.0.0");
        assertEquals(pid, v1.get("pid"));

        box.deploy("greeter-provider.jar", TestBundles.provider("2.0.0"));
        Map<String, String> v2 = awaitState("greeting", "hello from 2.0.0");
        assertEquals(pid, v2.get("pid"), "same JVM");
        assertEquals(v1.get("activation"), v2.get("activation"), "consumer component not re-activated");
        assertTrue(box.process().isAlive());

        Files.delete(box.home.resolve("deploy/greeter-consumer.jar"));
        awaitState("state", "deactivated");
        Tools.Result bundles = Tools.until(WITHIN, r -> r.exit() == 0 && !r.out().contains("edgebox.it.hot.consumer"),
                () -> Tools.ssh(box.sshPort, key, "lb -s"));
        assertEquals(0, bundles.exit(), bundles.toString());
        assertFalse(bundles.out().contains("edgebox.it.hot.consumer"), bundles.out());
        assertTrue(bundles.out().contains("edgebox.it.hot.provider"), bundles.out());
    }

    @Test
    void unresolvableBundleIsReportedWithTheMissingPackageAndOthersStayUp() throws Exception {
        box.deploy("broken.jar", TestBundles.unresolvable("edgebox.it.missing"));
        box.awaitLine("edgebox.it.missing", WITHIN);
        Tools.Result status = Tools.until(WITHIN, r -> r.out().contains("edgebox.it.missing"),
                () -> Tools.ssh(box.sshPort, key, "edgebox:status"));
        assertEquals(0, status.exit(), status.toString());
        assertTrue(status.out().contains("edgebox.it.missing"), "edgebox:status names the missing package:\n" + status);
        Tools.Result live = Tools.curl("http://127.0.0.1:" + box.healthPort + "/healthz");
        assertEquals(0, live.exit(), live.toString());
        assertTrue(box.process().isAlive());

        // readiness means every installed bundle active, deploy/ included: /readyz answers 503 until it is removed
        String readyz = "http://127.0.0.1:" + box.healthPort + "/readyz";
        Tools.Result notReady = Tools.curl(readyz);
        assertEquals(22, notReady.exit(), "curl -f on a 503: " + notReady);
        Files.delete(box.home.resolve("deploy/broken.jar"));
        Tools.Result ready = Tools.until(WITHIN, r -> r.exit() == 0, () -> Tools.curl(readyz));
        assertEquals(0, ready.exit(), "ready again once the broken bundle is gone: " + ready);
    }

    @Test
    void componentThatFailsToActivateIsReportedWithItsReasonAndOthersStayUp() throws Exception {
        box.deploy("failing.jar", TestBundles.failing());
        Tools.Result status = Tools.until(WITHIN, r -> r.out().contains("widget port 0 is not usable"),
                () -> Tools.ssh(box.sshPort, key, "edgebox:status"));
        assertTrue(status.out().contains("edgebox.it.failing.FailingComponent")
                && status.out().contains("widget port 0 is not usable"),
                "edgebox:status names the component and why it failed:\n" + status);
        box.awaitLine("widget port 0 is not usable", WITHIN);
        assertEquals(0, Tools.curl("http://127.0.0.1:" + box.healthPort + "/healthz").exit());
        assertEquals(0, Tools.ssh(box.sshPort, key, "config:list").exit(), "the console still serves");

        Files.delete(box.home.resolve("deploy/failing.jar"));
        String readyz = "http://127.0.0.1:" + box.healthPort + "/readyz";
        Tools.Result ready = Tools.until(WITHIN, r -> r.exit() == 0, () -> Tools.curl(readyz));
        assertEquals(0, ready.exit(), "ready again once the failing bundle is gone: " + ready);
    }
}
