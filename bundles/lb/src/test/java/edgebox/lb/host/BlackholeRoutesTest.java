package edgebox.lb.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Blackhole routes in a network namespace of the test's own (needs root, as the box does). */
class BlackholeRoutesTest {

    final String ns = "eblbroutes" + ProcessHandle.current().pid();

    @BeforeEach
    void createNamespace() throws Exception {
        run("ip", "netns", "add", ns);
    }

    @AfterEach
    void removeNamespace() throws Exception {
        run("ip", "netns", "del", ns);
    }

    @Test
    void routesExactlyTheVipsItIsGivenAndRemovesThemAllOnClose() throws Exception {
        InetAddress a = InetAddress.getByName("10.99.0.7");
        InetAddress b = InetAddress.getByName("fd00:99::7");
        InetAddress c = InetAddress.getByName("10.99.0.8");
        try (BlackholeRoutes routes = new BlackholeRoutes(List.of("ip", "-n", ns))) {
            routes.sync(Set.of(a, b));
            assertEquals(Set.of(a, b), routes.routed());
            assertTrue(routes("-4").contains("blackhole 10.99.0.7"), routes("-4"));
            assertTrue(routes("-6").contains("blackhole fd00:99::7"), routes("-6"));
            routes.sync(Set.of(c));
            assertEquals("blackhole 10.99.0.8", routes("-4").strip());
            assertEquals("", routes("-6").strip());
            assertEquals(List.of(), routes.errors());
        }
        assertEquals("", routes("-4").strip() + routes("-6").strip());
    }

    @Test
    void routesLeftByARunThatWasKilledAreRemovedOnTheFirstSync() throws Exception {
        run("ip", "-n", ns, "route", "add", "blackhole", "10.99.0.9/32", "proto", BlackholeRoutes.PROTOCOL);
        run("ip", "-n", ns, "route", "add", "blackhole", "10.99.0.10/32");
        try (BlackholeRoutes routes = new BlackholeRoutes(List.of("ip", "-n", ns))) {
            routes.sync(Set.of());
            assertEquals("", routes("-4").strip(), "the run's own leftover goes");
        }
        assertTrue(run("ip", "-n", ns, "-4", "route", "show").contains("blackhole 10.99.0.10"),
                "a route of someone else's protocol stays");
    }

    @Test
    void aRouteTheKernelRefusesIsReportedAndTheOthersAreSet() throws Exception {
        try (BlackholeRoutes routes = new BlackholeRoutes(List.of("ip", "-n", ns + "-missing"))) {
            routes.sync(Set.of(InetAddress.getByName("10.99.0.11")));
            assertEquals(Set.of(), routes.routed());
            assertTrue(routes.errors().stream().anyMatch(e -> e.contains("cannot route 10.99.0.11 to blackhole")),
                    routes.errors().toString());
        }
    }

    private String routes(String family) throws Exception {
        return run("ip", "-n", ns, family, "route", "show", "proto", BlackholeRoutes.PROTOCOL);
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), String.join(" ", cmd));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }
}
