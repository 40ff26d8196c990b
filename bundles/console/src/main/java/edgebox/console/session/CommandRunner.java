package edgebox.console.session;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * Opens Gogo sessions that have run the console profile, and runs command lines in them: a non-null result is
 * printed as {@link CommandSession#format} shows it and gives status 0; a failure prints its error and gives 1.
 */
public final class CommandRunner {

    public static final int OK = 0;
    public static final int FAILED = 1;
    /** The session variable that says who runs the commands, for what they record (the configuration history). */
    public static final String USER = "edgebox.user";

    private final Supplier<CommandProcessor> processor;
    private final Profile profile;

    public CommandRunner(Supplier<CommandProcessor> processor, Profile profile) {
        this.processor = processor;
        this.profile = profile;
    }

    /**
     * A new session over the given streams with {@link #USER} set to {@code user} and the profile run, or
     * {@code null} (the reason printed on {@code err}) when no Gogo runtime is there. The caller closes it.
     */
    public CommandSession open(InputStream in, OutputStream out, PrintStream err, String user) {
        CommandProcessor current = processor.get();
        if (current == null) {
            err.println("console: no Gogo command processor: bundle org.apache.felix.gogo.runtime is not active");
            err.flush();
            return null;
        }
        CommandSession session = current.createSession(in, out, err);
        session.put(USER, user);
        try {
            session.execute(profile.text());
        } catch (Exception e) {
            err.println("console: " + profile.source() + ": " + describe(e));
            err.flush();
        }
        return session;
    }

    /** Runs one command line; prints its result on {@code out} or its error on {@code err}. */
    public int run(CommandSession session, String line, PrintStream out, PrintStream err) {
        try {
            Object result = session.execute(line);
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
            return OK;
        } catch (Exception e) {
            session.put("exception", e);
            err.println(describe(e));
            return FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Opens a session, runs one command line in it and closes it: what an SSH {@code exec} request does. */
    public int exec(String line, InputStream in, PrintStream out, PrintStream err, String user) {
        CommandSession session = open(in, out, err, user);
        if (session == null) {
            return FAILED;
        }
        try {
            return run(session, line, out, err);
        } finally {
            session.close();
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
