package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration history of a running box (the demo configuration), driven through the SSH console: a change is
 * a revision with who made it, config:diff shows it, config:rollback moves the health port back live, a
 * config:commit-confirm left unconfirmed rolls back on its own, and an export imported later brings its
 * configuration back. The health port is what the box serves from the configuration, seen with curl.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigHistoryIT {

    static final Duration WITHIN = Duration.ofSeconds(20);
    static final Pattern ROLLED_BACK = Pattern.compile("rolled back to revision (\\d+): now revision (\\d+), .* \\((\\d+) ms\\)");

    @TempDir
    static Path dir;
    static Box box;
    static Path key;

    @BeforeAll
    static void start() throws Exception {
        box = Box.create(dir, "ConfigHistoryIT");
        key = box.authorize(dir, "operator");
        box.start().awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        box.close();
    }

    private static String console(String command) throws Exception {
        Tools.Result r = Tools.ssh(box.sshPort, key, command);
        assertEquals(0, r.exit(), command + ": " + r + "\noutput:\n" + box.output());
        return r.out();
    }

    private static boolean serves(int port) throws Exception {
        return Tools.curl("http://127.0.0.1:" + port + "/healthz").exit() == 0;
    }

    private static void awaitServing(int port, boolean serving) throws Exception {
        Tools.await(WITHIN, () -> "health port " + port + (serving ? " serving" : " closed") + "\noutput:\n"
                + box.output(), r -> r == serving, () -> serves(port));
    }

    /** The number of the newest revision in config:history whose line contains {@code text}. */
    private static int revision(String text) throws Exception {
        String history = Tools.await(WITHIN, () -> "a revision with '" + text + "'", out -> out.contains(text),
                () -> console("config:history 50"));
        for (String line : history.split("\n")) {
            if (line.contains(text)) {
                return Integer.parseInt(line.strip().split("\\s+")[0]);
            }
        }
        throw new AssertionError(text);
    }

    private static String healthCfg() throws Exception {
        return Files.readString(box.home.resolve("etc/edgebox.health.cfg"));
    }

    @Test
    @Order(1)
    void aChangeIsARevisionThatDiffShowsAndRollbackUndoesLive() throws Exception {
        int oldPort = box.healthPort;
        int newPort = Box.freePort();
        awaitServing(oldPort, true);
        int before = revision("first start");

        String set = console("config:set edgebox.health port=" + newPort);
        assertTrue(set.contains("wrote etc/edgebox.health.cfg"), set);
        awaitServing(newPort, true);
        int changed = revision("edgebox.health port: " + oldPort + " → " + newPort);
        String history = console("config:history");
        assertTrue(history.contains(changed + "  ") && history.contains("operator (ssh from 127.0.0.1, session "),
                "the change is the console user's:\n" + history);

        String diff = console("config:diff " + before + " " + changed);
        assertTrue(diff.contains("~ edgebox.health  (etc/edgebox.health.cfg)\n    port: " + oldPort + " → " + newPort),
                diff);
        assertTrue(diff.startsWith("--- revision " + before + " ") && diff.contains("+++ revision " + changed + " "),
                diff);

        long start = System.nanoTime();
        String rolled = console("config:rollback " + before);
        awaitServing(oldPort, true);
        long untilServing = (System.nanoTime() - start) / 1_000_000;
        awaitServing(newPort, false);
        Matcher m = ROLLED_BACK.matcher(rolled);
        assertTrue(m.find(), rolled);
        assertEquals(before, Integer.parseInt(m.group(1)));
        assertTrue(healthCfg().contains("port = " + oldPort), healthCfg());
        assertTrue(console("config:history 1").contains("rollback to " + before + " by operator"));
        Files.writeString(Box.LOGS.resolve("ConfigHistoryIT-rollback.txt"), "config:rollback on the demo"
                + " configuration: " + m.group(3) + " ms in the box (etc/ rewritten, Config Admin written), "
                + untilServing + " ms from the ssh command to the health port serving again\n");

        String unknown = console("config:rollback 9999");
        assertTrue(unknown.startsWith("refused, nothing changed:\n  revision 9999: no such revision: kept are 1 to "),
                unknown);
    }

    @Test
    @Order(2)
    void anUnconfirmedCommitConfirmRollsBackOnItsOwn() throws Exception {
        int goodPort = box.healthPort;
        int trialPort = Box.freePort();
        int base = revision("rollback to");
        String armed = console("config:commit-confirm 0.1");
        long armedAt = System.nanoTime();
        assertTrue(armed.startsWith("on probation until ") && armed.endsWith("goes back to revision " + base
                + " on its own\n"), armed);
        assertTrue(console("config:history 1").contains("on probation: the configuration goes back to revision "
                + base));

        console("config:set edgebox.health port=" + trialPort);
        awaitServing(trialPort, true);
        awaitServing(goodPort, true);
        long seconds = (System.nanoTime() - armedAt) / 1_000_000_000;
        assertTrue(seconds >= 5, "rolled back " + seconds + " s after config:commit-confirm 0.1 (6 s)");
        awaitServing(trialPort, false);
        box.awaitLine("commit-confirm not confirmed within 6 s: rolled back to revision " + base, WITHIN);
        String history = console("config:history 1");
        assertTrue(history.contains("rollback to " + base + ": commit-confirm by operator (ssh from 127.0.0.1,")
                && history.contains("not confirmed within 6 s") && !history.contains("on probation"), history);
    }

    @Test
    @Order(3)
    void anExportImportedLaterBringsItsConfigurationBack() throws Exception {
        int goodPort = box.healthPort;
        String exported = console("config:export data/backup.zip");
        assertTrue(exported.startsWith("exported revision "), exported);
        int otherPort = Box.freePort();
        console("config:set edgebox.health port=" + otherPort);
        awaitServing(otherPort, true);

        Files.writeString(box.home.resolve("data/damaged.zip"), "not a zip\n");
        String refused = console("config:import data/damaged.zip");
        assertTrue(refused.startsWith("refused, nothing changed:\n  " + box.home.resolve("data/damaged.zip")
                + ": not an edgebox configuration export, or damaged"), refused);
        assertTrue(serves(otherPort));

        String imported = console("config:import data/backup.zip");
        assertTrue(imported.startsWith("imported " + box.home.resolve("data/backup.zip") + ": now revision "),
                imported);
        awaitServing(goodPort, true);
        awaitServing(otherPort, false);
        assertTrue(console("config:history 1").contains("import data/backup.zip by operator"));
    }
}
