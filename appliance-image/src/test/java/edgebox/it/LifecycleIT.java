package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The distribution as a process: ready line, /readyz, /metrics, the home lock, SIGTERM, restart with the cache. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleIT {

    @TempDir
    static Path dir;
    static Box box;

    @BeforeAll
    static void start() throws Exception {
        box = Box.create(dir, "LifecycleIT").start();
        box.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        box.close();
    }

    @Test
    @Order(1)
    void readyLineComesOnceWithATime() {
        long count = box.output().lines().filter(l -> l.startsWith("edgebox ready in ")).count();
        assertEquals(1, count, box.output());
        assertTrue(box.output().lines().anyMatch(l -> l.matches("edgebox ready in \\d+ ms")), box.output());
    }

    @Test
    @Order(2)
    void readyzAndHealthzAnswer() throws Exception {
        Tools.Result ready = Tools.curl("http://127.0.0.1:" + box.healthPort + "/readyz");
        assertEquals(0, ready.exit(), ready.toString());
        Tools.Result live = Tools.curl("http://127.0.0.1:" + box.healthPort + "/healthz");
        assertEquals(0, live.exit(), live.toString());
    }

    @Test
    @Order(3)
    void metricsParseAsPrometheusText() throws Exception {
        Tools.Result metrics = Tools.curl("http://127.0.0.1:" + box.healthPort + "/metrics");
        assertEquals(0, metrics.exit(), metrics.toString());
        assertTrue(metrics.out().contains("# TYPE "), metrics.out());
        Tools.Result check = Tools.promtool(metrics.out());
        assertEquals(0, check.exit(), "promtool check metrics: " + check + "\nmetrics:\n" + metrics.out());
    }

    @Test
    @Order(4)
    void secondStartOnTheSameHomeFailsAtOnceNamingHomeAndPid() throws Exception {
        long begin = System.nanoTime();
        Process second = box.launch();
        assertTrue(second.waitFor(10, TimeUnit.SECONDS), "second start still running");
        long ms = (System.nanoTime() - begin) / 1_000_000;
        String out = new String(second.getInputStream().readAllBytes());
        assertEquals(1, second.exitValue(), out);
        assertEquals("edgebox: home " + box.home + " is in use by another edgebox (pid " + box.process().pid() + ")",
                out.strip());
        assertTrue(ms < 5_000, "took " + ms + " ms");
        assertTrue(box.process().isAlive(), "the first box must keep running");
    }

    @Test
    @Order(5)
    void sigtermStopsCleanlyAndTheHomeStartsAgainWithAChangedBootList() throws Exception {
        assertEquals(0, box.terminate(Duration.ofSeconds(5)), box.output());
        box.awaitLine("edgebox stopped in ", Duration.ofSeconds(1));

        // unchanged boot list: the kept cache starts to ready again
        box.start().awaitReady();
        assertEquals(0, box.terminate(Duration.ofSeconds(5)), box.output());

        // a bundle added to boot.list is installed and started on the next start
        Path marker = box.home.resolve("system/edgebox/it/marker/1.0.0/marker-1.0.0.jar");
        Files.createDirectories(marker.getParent());
        Files.write(marker, TestBundles.marker());
        Files.writeString(box.home.resolve("system/boot.list"), "edgebox.it:marker:1.0.0\n", StandardOpenOption.APPEND);
        box.start().awaitReady();
        Path written = box.home.resolve("data/marker.txt");
        assertTrue(Files.isRegularFile(written), "marker bundle did not start; output:\n" + box.output());
        assertEquals(Long.toString(box.process().pid()), Files.readString(written));
    }
}
