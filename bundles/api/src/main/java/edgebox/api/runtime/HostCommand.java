package edgebox.api.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command of the host (iproute2's {@code ip}, {@code sysctl} ...) with a bound on its time, for functions
 * that set up the host around them. Never throws: a command that cannot start, or does not end in time, is a failed
 * {@link Result} saying so.
 */
public final class HostCommand {

    /** What the command printed (stdout and stderr, stripped) and its exit code; -1 when it did not run or end. */
    public record Result(int exit, String output) {

        public boolean ok() {
            return exit == 0;
        }

        /** Why it failed, as a message: its output, else its exit code. */
        public String failure() {
            return output.isEmpty() ? "exit " + exit : output;
        }
    }

    private HostCommand() {
    }

    public static Result run(List<String> command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(-1, String.join(" ", command) + ": no answer in " + timeout.toMillis() + " ms");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, String.join(" ", command) + ": interrupted");
        }
    }
}
