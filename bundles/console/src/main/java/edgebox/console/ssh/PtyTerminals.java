package edgebox.console.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.Signal;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.ControlChar;
import org.jline.terminal.Attributes.InputFlag;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Attributes.OutputFlag;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * A JLine terminal over an SSH channel's streams, set up from the client's PTY request: terminal type, size,
 * control characters and flags; window changes resize it. Without a PTY it is a dumb 80x24 terminal.
 */
final class PtyTerminals {

    private PtyTerminals() {
    }

    static Terminal open(InputStream in, OutputStream out, Environment environment) throws IOException {
        Map<String, String> env = environment.getEnv();
        String type = env.getOrDefault(Environment.ENV_TERM, "dumb");
        ExternalTerminal terminal = new ExternalTerminal(null, "edgebox ssh", type, in, out, StandardCharsets.UTF_8,
                Terminal.SignalHandler.SIG_DFL, false, attributes(environment.getPtyModes()), size(env));
        environment.addSignalListener((channel, signal) -> {
            terminal.setSize(size(env));
            terminal.raise(Terminal.Signal.WINCH);
        }, Signal.WINCH);
        return terminal;
    }

    static Size size(Map<String, String> env) {
        return new Size(number(env.get(Environment.ENV_COLUMNS), 80), number(env.get(Environment.ENV_LINES), 24));
    }

    private static int number(String value, int fallback) {
        try {
            int parsed = value == null ? fallback : Integer.parseInt(value.strip());
            return parsed > 0 ? parsed : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static Attributes attributes(Map<PtyMode, Integer> modes) {
        Attributes attributes = new Attributes();
        for (Map.Entry<PtyMode, Integer> mode : modes.entrySet()) {
            int value = mode.getValue();
            boolean on = value != 0;
            switch (mode.getKey()) {
                case VINTR -> attributes.setControlChar(ControlChar.VINTR, value);
                case VQUIT -> attributes.setControlChar(ControlChar.VQUIT, value);
                case VERASE -> attributes.setControlChar(ControlChar.VERASE, value);
                case VKILL -> attributes.setControlChar(ControlChar.VKILL, value);
                case VEOF -> attributes.setControlChar(ControlChar.VEOF, value);
                case VEOL -> attributes.setControlChar(ControlChar.VEOL, value);
                case VEOL2 -> attributes.setControlChar(ControlChar.VEOL2, value);
                case VSTART -> attributes.setControlChar(ControlChar.VSTART, value);
                case VSTOP -> attributes.setControlChar(ControlChar.VSTOP, value);
                case VSUSP -> attributes.setControlChar(ControlChar.VSUSP, value);
                case VREPRINT -> attributes.setControlChar(ControlChar.VREPRINT, value);
                case VWERASE -> attributes.setControlChar(ControlChar.VWERASE, value);
                case VLNEXT -> attributes.setControlChar(ControlChar.VLNEXT, value);
                case VDISCARD -> attributes.setControlChar(ControlChar.VDISCARD, value);
                case ECHO -> attributes.setLocalFlag(LocalFlag.ECHO, on);
                case ICANON -> attributes.setLocalFlag(LocalFlag.ICANON, on);
                case ISIG -> attributes.setLocalFlag(LocalFlag.ISIG, on);
                case ICRNL -> attributes.setInputFlag(InputFlag.ICRNL, on);
                case INLCR -> attributes.setInputFlag(InputFlag.INLCR, on);
                case IGNCR -> attributes.setInputFlag(InputFlag.IGNCR, on);
                case OCRNL -> attributes.setOutputFlag(OutputFlag.OCRNL, on);
                case ONLCR -> attributes.setOutputFlag(OutputFlag.ONLCR, on);
                case ONLRET -> attributes.setOutputFlag(OutputFlag.ONLRET, on);
                case OPOST -> attributes.setOutputFlag(OutputFlag.OPOST, on);
                default -> { }
            }
        }
        return attributes;
    }
}
