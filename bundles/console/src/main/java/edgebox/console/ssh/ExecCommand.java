package edgebox.console.ssh;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.sshd.server.command.AbstractCommandSupport;

import edgebox.console.session.CommandRunner;

/** An SSH {@code exec} request: runs the command line in a fresh Gogo session, on sshd's command thread. */
final class ExecCommand extends AbstractCommandSupport {

    private final CommandRunner runner;
    private final String user;

    ExecCommand(String command, CommandRunner runner, String user) {
        super(command, null);
        this.runner = runner;
        this.user = user;
    }

    @Override
    public void run() {
        PrintStream out = new PrintStream(getOutputStream(), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(getErrorStream(), true, StandardCharsets.UTF_8);
        int status = CommandRunner.FAILED;
        try {
            status = runner.exec(getCommand(), getInputStream(), out, err, user);
        } catch (RuntimeException e) {
            err.println("console: " + e);
        } finally {
            out.flush();
            err.flush();
            onExit(status);
        }
    }
}
