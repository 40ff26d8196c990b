package edgebox.system.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against GRUB's own grub-editenv (Debian's grub-common): files it writes we read, files we write it lists. */
class GrubEditenvTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void grubEditenv() {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/grub-editenv")),
                "grub-editenv missing: apt-get install grub-common");
    }

    @Test
    void readsWhatGrubEditenvWrites() throws Exception {
        Path file = dir.resolve("grubenv");
        editenv(file, "create");
        editenv(file, "set", "edgebox_active=A", "edgebox_trial=B", "edgebox_trial_boots=1", "odd=a\\b\nc",
                "empty=");
        GrubEnvFile env = new GrubEnvFile(file);
        assertEquals(Map.of("edgebox_active", "A", "edgebox_trial", "B", "edgebox_trial_boots", "1", "odd", "a\\b\nc",
                "empty", ""), env.read().variables());
        BootEnv boot = BootEnv.read(env);
        assertEquals(new BootEnv(java.util.Optional.of(Slot.A), java.util.Optional.of(Slot.B), 1), boot);
    }

    @Test
    void grubEditenvListsWhatWeWriteInPlace() throws Exception {
        Path file = dir.resolve("grubenv");
        editenv(file, "create");
        editenv(file, "set", "edgebox_active=A", "saved_entry=1");
        Object inode = Files.getAttribute(file, "unix:ino");
        GrubEnvFile env = new GrubEnvFile(file);
        env.update(e -> BootEnv.of(e).trying(Slot.B).writeTo(e).with("odd", "x\\y\nz"));
        assertEquals("edgebox_active=A\nsaved_entry=1\nedgebox_trial=B\nedgebox_trial_boots=1\nodd=x\\y\nz\n",
                editenv(file, "list"));
        env.update(e -> BootEnv.of(e).markedGood(Slot.B).writeTo(e));
        assertEquals("edgebox_active=B\nsaved_entry=1\nedgebox_trial=\nedgebox_trial_boots=0\nodd=x\\y\nz\n",
                editenv(file, "list"));
        assertEquals(1024, Files.size(file));
        assertEquals(inode, Files.getAttribute(file, "unix:ino"), "written in place, not replaced");
        editenv(file, "set", "edgebox_trial_boots=1");
        assertEquals("1", env.read().get("edgebox_trial_boots").orElseThrow());
        assertEquals(new String(Files.readAllBytes(file), StandardCharsets.UTF_8),
                new String(env.read().toBytes(), StandardCharsets.UTF_8));
    }

    private static String editenv(Path file, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("grub-editenv", file.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "grub-editenv " + String.join(" ", args) + ": " + out);
        return out;
    }
}
