package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** etc/*.cfg applies live: a new health port serves and the old one stops; a bad value is refused, the old port serves. */
class ConfigIT {

    static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static Box box;
    static Path key;

    @BeforeAll
    static void start() throws Exception {
        box = Box.create(dir, "ConfigIT");
        key = box.authorize(dir, "operator");
        box.start().awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        box.close();
    }

    private static Tools.Result healthz(int port) throws Exception {
        return Tools.curl("http://127.0.0.1:" + port + "/healthz");
    }

    @Test
    void healthPortMovesLiveAndABadValueIsRefused() throws Exception {
        long pid = box.process().pid();
        int oldPort = box.healthPort;
        int newPort = Box.freePort();
        assertEquals(0, healthz(oldPort).exit());

        box.writeCfg("edgebox.health", "address = 127.0.0.1\nport = " + newPort + "\n");
        Tools.Result moved = Tools.until(WITHIN, r -> r.exit() == 0, () -> healthz(newPort));
        assertEquals(0, moved.exit(), "new port " + newPort + ": " + moved + "\noutput:\n" + box.output());
        Tools.Result old = Tools.until(WITHIN, r -> r.exit() != 0, () -> healthz(oldPort));
        assertNotEquals(0, old.exit(), "old port " + oldPort + " still answers");
        assertEquals(pid, box.process().pid());
        assertTrue(box.process().isAlive());

        box.writeCfg("edgebox.health", "address = 127.0.0.1\nport = abc\n");
        Tools.Result list = Tools.until(WITHIN, r -> r.out().contains("abc"),
                () -> Tools.ssh(box.sshPort, key, "config:list"));
        assertEquals(0, list.exit(), list.toString());
        assertTrue(list.out().contains("edgebox.health") && list.out().contains("port") && list.out().contains("abc"),
                "config:list shows the refusal of edgebox.health port=abc:\n" + list.out());
        assertEquals(0, healthz(newPort).exit(), "the last good port keeps serving");
        assertTrue(box.process().isAlive());
    }
}
