package edgebox.console.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {

    /** Commands as a bundle would register them. */
    public static final class Demo {
        public String hello(String name) {
            return "hello " + name;
        }

        public void shout(String text) {
            System.out.println(text.toUpperCase());
        }

        public String whoami(CommandSession session) {
            return String.valueOf(session.get(CommandRunner.USER));
        }

        public void boom() {
            throw new IllegalStateException("demo: field x: broken on purpose");
        }
    }

    private GogoShell shell;
    private CommandProcessorImpl processor;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path home;

    @BeforeEach
    void start() {
        shell = new GogoShell("demo", new Demo());
        processor = shell.processor;
    }

    @AfterEach
    void stop() {
        shell.close();
    }

    private int exec(CommandRunner runner, String line) {
        return exec(runner, line, "test");
    }

    private int exec(CommandRunner runner, String line, String user) {
        return runner.exec(line, new ByteArrayInputStream(new byte[0]), print(out), print(err), user);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private CommandRunner bundledProfile() {
        return new CommandRunner(() -> processor, Profile.of(home.resolve("etc/gosh_profile")));
    }

    @Test
    void resultIsFormattedAndStatusIsZero() {
        assertEquals(0, exec(bundledProfile(), "hello world"));
        assertEquals("hello world", out.toString(StandardCharsets.UTF_8).strip());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCommandTakingTheSessionLearnsWhoRunsIt() {
        assertEquals(0, exec(bundledProfile(), "whoami", "operator (ssh from 127.0.0.1, session 3)"));
        assertEquals("operator (ssh from 127.0.0.1, session 3)", out.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void printedOutputReachesTheSessionStream() {
        assertEquals(0, exec(bundledProfile(), "shout quiet"));
        assertEquals("QUIET", out.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void failingCommandGivesStatusOneAndTheErrorText() {
        assertEquals(1, exec(bundledProfile(), "boom"));
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.contains("IllegalStateException: demo: field x: broken on purpose"), error);
    }

    @Test
    void unknownCommandFails() {
        assertEquals(1, exec(bundledProfile(), "nosuchcommand"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Command not found: nosuchcommand"));
    }

    @Test
    void bundledProfileDefinesNoSystemCommands() {
        for (String line : new String[] {"exit 0", "gc", "getProperty java.version", "currentTimeMillis"}) {
            err.reset();
            assertEquals(1, exec(bundledProfile(), line), line);
            String command = line.split(" ")[0];
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("Command not found: " + command), line);
        }
    }

    @Test
    void profileFileUnderHomeReplacesTheBundledOne() throws Exception {
        Path profile = home.resolve("etc/gosh_profile");
        Files.createDirectories(profile.getParent());
        Files.writeString(profile, "greeting = 'from etc'\n");
        assertEquals(0, exec(bundledProfile(), "echo-free = $greeting"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("from etc"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void brokenProfileIsReportedAndTheCommandStillRuns() throws Exception {
        Path profile = home.resolve("etc/gosh_profile");
        Files.createDirectories(profile.getParent());
        Files.writeString(profile, "nosuchprofilecommand\n");
        assertEquals(0, exec(bundledProfile(), "hello again"));
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.contains(profile.toString()) && error.contains("nosuchprofilecommand"), error);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("hello again"));
    }

    @Test
    void withoutGogoRuntimeTheReasonIsPrinted() {
        CommandRunner runner = new CommandRunner(() -> null, Profile.of(null));
        assertEquals(1, exec(runner, "hello x"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("org.apache.felix.gogo.runtime is not active"));
    }
}
