package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH console with the real OpenSSH client: a key from etc/authorized_keys gets in, nothing else does. */
class ConsoleIT {

    @TempDir
    static Path dir;
    static Box box;
    static Path key;
    static Path stranger;

    @BeforeAll
    static void start() throws Exception {
        box = Box.create(dir, "ConsoleIT");
        key = box.authorize(dir, "operator");
        stranger = Tools.keygen(dir, "stranger");
        box.start().awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        box.close();
    }

    @Test
    void authorizedKeyRunsEdgeboxStatus() throws Exception {
        Tools.Result r = Tools.ssh(box.sshPort, key, "edgebox:status");
        assertEquals(0, r.exit(), r.toString());
        for (String function : List.of("config", "features", "console", "net")) {
            assertTrue(r.out().contains(function), "edgebox:status lists " + function + ":\n" + r);
        }
    }

    @Test
    void exitInTheConsoleLeavesTheBoxRunning() throws Exception {
        Tools.Result r = Tools.ssh(box.sshPort, key, "exit 0");
        assertTrue(r.err().contains("Command not found") || r.out().contains("Command not found"), r.toString());
        Tools.Result after = Tools.ssh(box.sshPort, key, "feature:list");
        assertEquals(0, after.exit(), after.toString());
        assertTrue(after.out().contains("core"), after.toString());
    }

    @Test
    void unknownKeyIsRefused() throws Exception {
        Tools.Result r = Tools.ssh(box.sshPort, stranger, "edgebox:status");
        assertEquals(255, r.exit(), r.toString());
        assertTrue(r.err().contains("Permission denied"), r.toString());
    }

    @Test
    void passwordIsNotOffered() throws Exception {
        List<String> cmd = Tools.sshBase(box.sshPort);
        cmd.addAll(List.of("-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password,keyboard-interactive",
                "edgebox@127.0.0.1", "edgebox:status"));
        Tools.Result r = Tools.run(java.time.Duration.ofSeconds(20), null, cmd.toArray(String[]::new));
        assertEquals(255, r.exit(), r.toString());
        assertTrue(r.err().contains("Permission denied (publickey)"), "only publickey is offered:\n" + r);
    }
}
