package edgebox.console.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplTest {

    public static final class Demo {
        public String hello(String name) {
            return "hello " + name;
        }
    }

    private GogoShell shell;
    private CommandProcessorImpl processor;

    @BeforeEach
    void start() {
        shell = new GogoShell("demo", new Demo());
        processor = shell.processor;
    }

    @AfterEach
    void stop() {
        shell.close();
    }

    /** The control characters an OpenSSH client sends in its PTY request. */
    private static Attributes sshLikeAttributes() {
        Attributes attributes = new Attributes();
        attributes.setControlChar(Attributes.ControlChar.VEOF, 4);
        attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
        attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
        return attributes;
    }

    /** Types {@code input} into a console and returns what the console printed when it ended. */
    private String type(String input) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Repl repl = new Repl(new CommandRunner(() -> processor, Profile.of(null)));
        try (Terminal terminal = new ExternalTerminal(null, "test", "dumb",
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8,
                Terminal.SignalHandler.SIG_DFL, false, sshLikeAttributes(), new Size(80, 24))) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> repl.run(terminal, "banner", "test"));
        }
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsLinesUntilTheInputEnds() throws Exception {
        String screen = type("hello one\nhello two\n");
        assertTrue(screen.contains("banner"), screen);
        assertTrue(screen.contains(Repl.PROMPT), screen);
        assertTrue(screen.contains("hello one") && screen.contains("hello two"), screen);
    }

    @Test
    void errorsArePrintedAndTheConsoleGoesOn() throws Exception {
        String screen = type("exit-not-yet\nhello after\n");
        assertTrue(screen.contains("Command not found: exit-not-yet"), screen);
        assertTrue(screen.contains("hello after"), screen);
    }

    @Test
    void logoutAndExitLeaveTheConsole() throws Exception {
        assertFalse(type("logout\nhello never\n").contains("hello never"));
        assertFalse(type("exit 0\nhello never\n").contains("hello never"));
    }

    @Test
    void ctrlDLeavesTheConsole() throws Exception {
        assertFalse(type("\u0004hello never\n").contains("hello never"));
    }

    @Test
    void ctrlCCancelsTheLineBeingTyped() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream input = new PipedInputStream(keyboard);
        Repl repl = new Repl(new CommandRunner(() -> processor, Profile.of(null)));
        try (Terminal terminal = new ExternalTerminal(null, "test", "ansi", input, screen, StandardCharsets.UTF_8,
                Terminal.SignalHandler.SIG_DFL, false, sshLikeAttributes(), new Size(80, 24))) {
            Thread console = new Thread(() -> repl.run(terminal, null, "test"), "repl-test");
            console.start();
            keyboard.write("hello disc".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            awaitScreen(screen, "hello disc");
            keyboard.write(3);
            keyboard.flush();
            awaitScreen(screen, "disc^C");
            awaitPrompts(screen, 2);
            keyboard.write("hello kept\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            keyboard.close();
            console.join(10_000);
            assertFalse(console.isAlive());
        }
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertFalse(shown.contains("Cannot coerce"), shown);
        assertTrue(shown.indexOf("hello kept") != shown.lastIndexOf("hello kept"), "echo and result: " + shown);
    }

    private static void awaitPrompts(ByteArrayOutputStream screen, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (screen.toString(StandardCharsets.UTF_8).split(Repl.PROMPT, -1).length <= count) {
            assertTrue(System.nanoTime() < deadline, "screen never showed " + count + " prompts: " + screen);
            Thread.sleep(10);
        }
    }

    private static void awaitScreen(ByteArrayOutputStream screen, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!screen.toString(StandardCharsets.UTF_8).contains(text)) {
            assertTrue(System.nanoTime() < deadline, "screen never showed " + text + ": " + screen);
            Thread.sleep(10);
        }
    }

    @Test
    void onlyTheWordsLogoutAndExitLeave() {
        assertTrue(Repl.leaves("exit"));
        assertTrue(Repl.leaves("exit 0"));
        assertTrue(Repl.leaves("logout"));
        assertFalse(Repl.leaves("exiting"));
        assertEquals(false, Repl.leaves("lb"));
    }
}
