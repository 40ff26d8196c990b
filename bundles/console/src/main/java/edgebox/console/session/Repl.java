package edgebox.console.session;

import java.io.PrintStream;

import org.apache.felix.service.command.CommandSession;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive console on one terminal: prompt {@code edgebox> }, line editing and history (JLine), each line
 * run in one Gogo session. Ctrl-C cancels the line being typed (or interrupts the running command); Ctrl-D,
 * {@code logout} or {@code exit} leave the console, which never stops the box.
 */
public final class Repl {

    public static final String PROMPT = "edgebox> ";

    private final CommandRunner runner;

    public Repl(CommandRunner runner) {
        this.runner = runner;
    }

    /** Runs until the user leaves or the terminal's input ends; {@code user} says who is at the terminal. */
    public void run(Terminal terminal, String banner, String user) {
        PrintStream out = new PrintStream(terminal.output(), true, terminal.encoding());
        CommandSession session = runner.open(terminal.input(), out, out, user);
        if (session == null) {
            return;
        }
        try {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("edgebox")
                    .variable(LineReader.HISTORY_SIZE, 500)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            if (banner != null) {
                terminal.writer().println(banner);
                terminal.flush();
            }
            loop(terminal, reader, session, out);
        } finally {
            session.close();
        }
    }

    private void loop(Terminal terminal, LineReader reader, CommandSession session, PrintStream out) {
        while (true) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                return;
            }
            String command = line.strip();
            if (command.isEmpty()) {
                continue;
            }
            if (leaves(command)) {
                return;
            }
            Thread self = Thread.currentThread();
            Thread.interrupted();
            Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> self.interrupt());
            try {
                runner.run(session, command, out, out);
            } finally {
                terminal.handle(Terminal.Signal.INT, previous);
                Thread.interrupted();
            }
        }
    }

    /** {@code logout}, {@code exit} and {@code exit N} end the console session (never the box). */
    static boolean leaves(String command) {
        String word = command.split("\\s+", 2)[0];
        return word.equals("logout") || word.equals("exit");
    }
}
