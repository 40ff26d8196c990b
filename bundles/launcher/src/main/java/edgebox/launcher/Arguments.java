package edgebox.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@code bin/edgebox}: {@code run [--home DIR]}. The home defaults to the distribution root,
 * which the start script passes as the system property {@code edgebox.home}.
 */
record Arguments(String command, Path home) {

    static final String USAGE = "usage: edgebox run [--home DIR]";

    /** Thrown for a command line that cannot be understood; the message says what is wrong and how to call. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String reason) {
            super("edgebox: " + reason + "\n" + USAGE);
        }
    }

    static Arguments parse(List<String> args, String defaultHome) {
        if (args.isEmpty()) {
            throw new UsageException("no command given");
        }
        String command = args.get(0);
        if (!command.equals("run")) {
            throw new UsageException("unknown command '" + command + "'");
        }
        String home = null;
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--home")) {
                if (i + 1 >= args.size() || args.get(i + 1).isBlank()) {
                    throw new UsageException("option --home needs a folder");
                }
                home = args.get(++i);
            } else if (arg.startsWith("--home=") && arg.length() > "--home=".length()) {
                home = arg.substring("--home=".length());
            } else {
                throw new UsageException("unknown option '" + arg + "'");
            }
        }
        if (home == null) {
            home = defaultHome;
        }
        if (home == null || home.isBlank()) {
            throw new UsageException("no home: pass --home DIR or set the system property edgebox.home");
        }
        return new Arguments(command, Path.of(home).toAbsolutePath().normalize());
    }
}
