package edgebox.console.ssh;

import org.apache.sshd.server.command.AbstractCommandSupport;
import org.jline.terminal.Terminal;

import edgebox.console.session.Repl;

/** An SSH {@code shell} request: the interactive console over the channel's PTY, on sshd's command thread. */
final class ShellCommand extends AbstractCommandSupport {

    static final String BANNER = "edgebox console: type 'help' for commands, Ctrl-D or 'logout' to leave.";

    private final Repl repl;
    private final String user;

    ShellCommand(Repl repl, String user) {
        super("shell", null);
        this.repl = repl;
        this.user = user;
    }

    @Override
    public void run() {
        int status = 0;
        try (Terminal terminal = PtyTerminals.open(getInputStream(), getOutputStream(), getEnvironment())) {
            repl.run(terminal, BANNER, user);
        } catch (Exception e) {
            status = 1;
        } finally {
            onExit(status);
        }
    }
}
