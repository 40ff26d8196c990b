package edgebox.config.console;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.apache.felix.service.command.CommandSession;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.config.apply.Refused;
import edgebox.config.history.ConfigDiff;
import edgebox.config.history.HistoryControl;
import edgebox.config.history.Probation;
import edgebox.config.history.RevisionInfo;

/**
 * {@code config:history|diff|rollback|confirm|export|import}. Formats only: the history and every change are the
 * control plane's. {@code config:commit-confirm} is {@link CommitConfirmCommand} (a name with a dash).
 */
@Component(service = HistoryCommands.class, property = {
    "osgi.command.scope=config",
    "osgi.command.function=history",
    "osgi.command.function=diff",
    "osgi.command.function=rollback",
    "osgi.command.function=confirm",
    "osgi.command.function=export",
    "osgi.command.function=import"
})
public class HistoryCommands {

    static final int DEFAULT_COUNT = 20;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Reference
    private HistoryControl control;

    public HistoryCommands() {
    }

    HistoryCommands(HistoryControl control) {
        this.control = control;
    }

    /** config:history: the newest 20 revisions, newest first. */
    public String history() throws Exception {
        return history(DEFAULT_COUNT);
    }

    /** config:history N: the newest N revisions, newest first. */
    public String history(int count) throws Exception {
        return formatHistory(control.history(count), ZoneId.systemDefault());
    }

    /** config:diff N: what revision N changed. */
    public String diff(int number) throws Exception {
        try {
            return formatDiff(control.diff(number), ZoneId.systemDefault());
        } catch (Refused r) {
            return ConfigCommands.refusal(r);
        }
    }

    /** config:diff N M: what changed from revision N to revision M. */
    public String diff(int from, int to) throws Exception {
        try {
            return formatDiff(control.diff(from, to), ZoneId.systemDefault());
        } catch (Refused r) {
            return ConfigCommands.refusal(r);
        }
    }

    /** config:rollback N: revision N's configuration, live, as a new revision. */
    public String rollback(CommandSession session, int number) throws Exception {
        try {
            return control.rollback(number, ConsoleUser.of(session));
        } catch (Refused r) {
            return ConfigCommands.refusal(r);
        }
    }

    /** config:confirm: the changes made since config:commit-confirm stay. */
    public String confirm(CommandSession session) throws Exception {
        return control.confirm(ConsoleUser.of(session));
    }

    /** config:export FILE: the configuration in force as one file (relative paths: to the home). */
    public String export(CommandSession session, String file) throws Exception {
        return control.exportTo(file, ConsoleUser.of(session));
    }

    /** config:import FILE: an export's configuration, checked whole first, live, as a new revision. */
    public String _import(CommandSession session, String file) throws Exception {
        try {
            return control.importFrom(file, ConsoleUser.of(session));
        } catch (Refused r) {
            return ConfigCommands.refusal(r);
        }
    }

    static String formatHistory(HistoryControl.Listing listing, ZoneId zone) {
        int w = "REVISION".length();
        int ww = "WHO".length();
        for (RevisionInfo r : listing.revisions()) {
            ww = Math.max(ww, r.who().length());
        }
        String fmt = "%" + w + "s  %-19s  %-" + ww + "s  %s";
        StringBuilder b = new StringBuilder(String.format(fmt, "REVISION", "TIME", "WHO", "SUMMARY").stripTrailing())
                .append('\n');
        for (RevisionInfo r : listing.revisions()) {
            b.append(String.format(fmt, r.number(), TIME.format(r.time().atZone(zone)), r.who(), r.summary())
                    .stripTrailing()).append('\n');
        }
        b.append(listing.revisions().size()).append(" shown, ").append(listing.kept()).append(" kept");
        Probation p = listing.probation();
        if (p != null) {
            b.append("\non probation: the configuration goes back to revision ").append(p.base()).append(" at ")
                    .append(TIME.format(p.deadline().atZone(zone))).append(" unless config:confirm follows");
        }
        return b.toString();
    }

    static String formatDiff(HistoryControl.Compared c, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        b.append("--- ").append(header(c.from(), zone)).append('\n');
        b.append("+++ ").append(header(c.to(), zone)).append('\n');
        ConfigDiff d = c.diff();
        for (ConfigDiff.Change ch : d.changes()) {
            if (ch.added() || ch.removed()) {
                b.append(ch.added() ? "+ " : "- ").append(ch.object()).append("  (")
                        .append(ch.added() ? ch.after() : ch.before()).append(")\n");
                ch.fields().forEach(f -> b.append("    ").append(f.name()).append(": ")
                        .append(f.secret() ? ConfigDiff.SECRET : ch.added() ? f.after() : f.before()).append('\n'));
                continue;
            }
            b.append("~ ").append(ch.object()).append("  (").append(ch.after()).append(')');
            if (!ch.before().equals(ch.after())) {
                b.append(" moved from ").append(ch.before());
            }
            b.append('\n');
            ch.fields().forEach(f -> b.append("    ").append(ConfigDiff.describe(f, Integer.MAX_VALUE)).append('\n'));
        }
        d.textOnly().forEach(f -> b.append("  ").append(f).append(": text only (comments, order or spacing)\n"));
        b.append(d.isEmpty() ? "no difference" : d.changes().size() + " objects differ");
        return b.toString();
    }

    private static String header(RevisionInfo r, ZoneId zone) {
        return "revision " + r.number() + "  " + TIME.format(r.time().atZone(zone)) + "  " + r.who();
    }
}
