package edgebox.config.console;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.config.apply.Refused;
import edgebox.config.history.HistoryControl;

/**
 * {@code config:commit-confirm MINUTES}: the changes from now on are rolled back on their own unless
 * {@code config:confirm} follows within MINUTES (a fraction is allowed: {@code 0.5}). A Gogo Function of its own,
 * since a method cannot be named with a dash.
 */
@Component(service = Function.class, property = {
    "osgi.command.scope=config",
    "osgi.command.function=commit-confirm"
})
public class CommitConfirmCommand implements Function {

    static final BigDecimal MAX_MINUTES = BigDecimal.valueOf(24 * 60);
    static final String USAGE = "usage: config:commit-confirm MINUTES (more than 0, at most " + MAX_MINUTES
            + "; 0.5 is 30 seconds)";

    @Reference
    private HistoryControl control;

    public CommitConfirmCommand() {
    }

    CommitConfirmCommand(HistoryControl control) {
        this.control = control;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        Duration length = arguments.size() == 1 ? minutes(String.valueOf(arguments.get(0))) : null;
        if (length == null) {
            return USAGE;
        }
        try {
            return control.commitConfirm(length, ConsoleUser.of(session));
        } catch (Refused r) {
            return ConfigCommands.refusal(r);
        }
    }

    /** The time {@code text} minutes stand for, to the millisecond, or {@code null} when it is no such number. */
    static Duration minutes(String text) {
        BigDecimal m;
        try {
            m = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        if (m.signum() <= 0 || m.compareTo(MAX_MINUTES) > 0) {
            return null;
        }
        long ms = m.multiply(BigDecimal.valueOf(60_000)).longValue();
        return ms <= 0 ? null : Duration.ofMillis(ms);
    }
}
