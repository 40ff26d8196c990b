package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/edgebox run} started on a terminal gives the console there; leaving it leaves the box running. */
class TerminalConsoleIT {

    static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static Box box;

    @BeforeAll
    static void start() throws Exception {
        box = Box.create(dir, "TerminalConsoleIT").startOnTerminal();
        box.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        Optional<ProcessHandle> jvm = ProcessHandle.of(box.jvmPid());
        jvm.ifPresent(ProcessHandle::destroy);
        box.process().waitFor(10, TimeUnit.SECONDS);
        box.close();
    }

    @Test
    void commandsRunOnTheTerminalAndExitLeavesTheConsoleNotTheBox() throws Exception {
        OutputStream keys = box.keyboard();
        keys.write("edgebox:version\r".getBytes(StandardCharsets.UTF_8));
        keys.flush();
        assertTrue(box.awaitLine("7.0.5", WITHIN).contains("felix"), "edgebox:version answers on the terminal");

        keys.write("exit 0\r".getBytes(StandardCharsets.UTF_8));
        keys.flush();
        box.awaitLine("edgebox keeps running", WITHIN);
        Tools.Result ready = Tools.curl("http://127.0.0.1:" + box.healthPort + "/readyz");
        assertEquals(0, ready.exit(), "the box serves on after the console is left: " + ready);
        assertTrue(ProcessHandle.of(box.jvmPid()).map(ProcessHandle::isAlive).orElse(false));
    }
}
