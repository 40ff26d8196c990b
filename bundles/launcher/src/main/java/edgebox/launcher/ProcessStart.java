package edgebox.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * When this process started, as a {@link System#nanoTime()} value. {@code ProcessHandle.info().startInstant()} adds
 * the boot time of {@code /proc/stat}, which has whole seconds only (up to a second off); on Linux this reads the
 * start in clock ticks after boot from {@code /proc/self/stat} and the uptime from {@code /proc/uptime} (both 10 ms).
 */
final class ProcessStart {

    /** Linux's USER_HZ, the unit of the start time in {@code /proc/PID/stat}; 100 on every Linux ABI we run on. */
    static final long TICKS_PER_SECOND = 100;

    private ProcessStart() {
    }

    static long nanoTime() {
        long now = System.nanoTime();
        try {
            long elapsedMs = elapsedMillis(Files.readString(Path.of("/proc/self/stat")),
                    Files.readString(Path.of("/proc/uptime")));
            return now - elapsedMs * 1_000_000;
        } catch (IOException | RuntimeException e) {
            Instant start = ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
            return now - Duration.between(start, Instant.now()).toNanos();
        }
    }

    /** Milliseconds since the process started, from the texts of {@code /proc/self/stat} and {@code /proc/uptime}. */
    static long elapsedMillis(String stat, String uptime) {
        // the command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
        long startTicks = Long.parseLong(fields[19]); // field 22: starttime; fields[0] is field 3
        double uptimeSeconds = Double.parseDouble(uptime.strip().split("\\s+")[0]);
        return Math.max(0, Math.round(uptimeSeconds * 1000) - startTicks * 1000 / TICKS_PER_SECOND);
    }
}
