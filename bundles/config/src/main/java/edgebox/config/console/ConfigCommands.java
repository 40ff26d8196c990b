package edgebox.config.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.CommandSession;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.config.apply.ConfigControl;
import edgebox.config.apply.Refused;

/**
 * {@code config:list|show|set|delete}. Formats only: the checks and the writes are the control plane's, so a
 * console change goes through the same validation as an edit of {@code etc/}.
 */
@Component(service = ConfigCommands.class, property = {
    "osgi.command.scope=config",
    "osgi.command.function=list",
    "osgi.command.function=show",
    "osgi.command.function=set",
    "osgi.command.function=delete"
})
public class ConfigCommands {

    @Reference
    private ConfigControl control;

    public ConfigCommands() {
    }

    ConfigCommands(ConfigControl control) {
        this.control = control;
    }

    /** config:list: one line per configuration with its source and state, and a total. */
    public String list() throws Exception {
        return formatList(control.list());
    }

    /** config:show PID: the properties (secrets as ***), source, state and problems. */
    public String show(String pid) throws Exception {
        ConfigControl.Shown s = control.show(pid);
        if (s == null) {
            return "no configuration " + pid + " and no file for it";
        }
        StringBuilder b = new StringBuilder();
        b.append(s.config()).append('\n');
        b.append("  source: ").append(s.source()).append('\n');
        b.append("  state:  ").append(s.state()).append('\n');
        s.properties().forEach((k, v) -> b.append("  ").append(k).append(" = ").append(v).append('\n'));
        if (!s.problems().isEmpty()) {
            b.append("  refused (the values above are the last good ones):\n");
            s.problems().forEach(p -> b.append("    ").append(p).append('\n'));
        }
        return b.toString();
    }

    /** config:set PID key=value ...: validated like a file, written to etc/PID.cfg, then applied. */
    public String set(CommandSession session, String pid, String... assignments) throws Exception {
        if (assignments.length == 0) {
            return "refused: give at least one key=value";
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                return "refused: '" + a + "' is not key=value";
            }
            values.put(a.substring(0, eq).trim(), a.substring(eq + 1));
        }
        try {
            return control.set(pid, values, ConsoleUser.of(session));
        } catch (Refused r) {
            return refusal(r);
        }
    }

    /** config:delete PID: removes etc/PID.cfg; the configuration goes with it. */
    public String delete(CommandSession session, String pid) throws Exception {
        try {
            return control.delete(pid, ConsoleUser.of(session));
        } catch (Refused r) {
            return refusal(r);
        }
    }

    static String formatList(List<ConfigControl.Row> rows) {
        int w1 = "CONFIGURATION".length();
        int w2 = "SOURCE".length();
        for (ConfigControl.Row r : rows) {
            w1 = Math.max(w1, r.config().length());
            w2 = Math.max(w2, r.source().length());
        }
        String fmt = "%-" + w1 + "s  %-" + w2 + "s  %-9s  %s";
        StringBuilder b = new StringBuilder(String.format(fmt, "CONFIGURATION", "SOURCE", "STATE", "DETAIL"))
                .append('\n');
        for (ConfigControl.Row r : rows) {
            String detail = "unchecked".equals(r.state()) && r.detail().isEmpty() ? "unchecked: no metatype"
                    : r.detail();
            b.append(String.format(fmt, r.config(), r.source(), r.state(), detail).stripTrailing()).append('\n');
        }
        long refused = rows.stream().filter(r -> r.state().equals("refused")).count();
        b.append(rows.size()).append(" configurations").append(refused > 0 ? ", " + refused + " refused" : "");
        return b.toString();
    }

    static String refusal(Refused r) {
        StringBuilder b = new StringBuilder("refused, nothing changed:");
        r.problems().forEach(p -> b.append("\n  ").append(p));
        return b.toString();
    }
}
