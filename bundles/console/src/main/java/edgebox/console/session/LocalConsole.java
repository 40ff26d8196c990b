package edgebox.console.session;

import java.io.IOException;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The console on the process's own terminal (JLine system terminal), on the thread {@code edgebox-console}.
 * Leaving it (Ctrl-D, {@code logout}) only closes the console: the box keeps running.
 */
public final class LocalConsole implements AutoCloseable {

    static final String THREAD = "edgebox-console";

    private final Repl repl;
    private final Thread thread;
    private volatile Terminal terminal;
    private volatile boolean closing;

    public LocalConsole(Repl repl) {
        this.repl = repl;
        this.thread = new Thread(this::run, THREAD);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(Terminal.class.getClassLoader());
        try (Terminal system = TerminalBuilder.builder().system(true).name("edgebox").build()) {
            terminal = system;
            repl.run(system, "edgebox console: type 'help' for commands, Ctrl-D or 'logout' to leave the console.",
                    "local console");
            if (!closing) {
                system.writer().println("Left the console; edgebox keeps running. Stop it with Ctrl-C or SIGTERM (kill "
                        + ProcessHandle.current().pid() + ").");
                system.flush();
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                System.err.println("edgebox console: terminal: " + e.getMessage());
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Closes the terminal and waits a bounded time for the console thread. */
    @Override
    public void close() {
        closing = true;
        Terminal current = terminal;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // the thread ends on its own when the terminal's input ends
            }
        }
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the console thread still runs (it may stay blocked reading the terminal until a key is pressed). */
    public boolean running() {
        return thread.isAlive();
    }
}
