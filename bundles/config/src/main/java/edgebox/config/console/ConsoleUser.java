package edgebox.config.console;

import org.apache.felix.service.command.CommandSession;

/**
 * Who runs a console command, as the history records it: the console puts it into each Gogo session as the
 * variable {@value #VARIABLE} ({@code operator (ssh from 192.0.2.7, session 12)}); a session without it is
 * {@value #UNKNOWN}.
 */
final class ConsoleUser {

    static final String VARIABLE = "edgebox.user";
    static final String UNKNOWN = "console";

    private ConsoleUser() {
    }

    static String of(CommandSession session) {
        Object user = session == null ? null : session.get(VARIABLE);
        return user == null || user.toString().isBlank() ? UNKNOWN : user.toString().strip();
    }
}
