package edgebox.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Real clients run as processes (curl, promtool, ssh, ssh-keygen), each bounded in time. */
final class Tools {

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private Tools() {
    }

    static Result run(Duration within, byte[] input, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (var stdin = p.getOutputStream()) {
            if (input != null) {
                stdin.write(input);
            }
        }
        if (!p.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + ": still running after " + within);
        }
        return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static Result curl(String url) throws IOException, InterruptedException {
        return run(Duration.ofSeconds(10), null, "curl", "-sS", "-f", "--max-time", "5", url);
    }

    static Result promtool(String metrics) throws IOException, InterruptedException {
        return run(Duration.ofSeconds(20), metrics.getBytes(StandardCharsets.UTF_8), "promtool", "check", "metrics");
    }

    static Path keygen(Path dir, String name) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        // ed25519, OpenSSH's default: the box serves it through Bouncy Castle in the core feature
        Result r = run(Duration.ofSeconds(20), null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name,
                "-f", key.toString());
        if (r.exit() != 0) {
            throw new AssertionError("ssh-keygen: " + r);
        }
        return key;
    }

    static List<String> sshBase(int port) {
        return new ArrayList<>(List.of("ssh", "-p", Integer.toString(port),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=5", "-o", "LogLevel=ERROR"));
    }

    /** Runs one console command over SSH with a private key. */
    static Result ssh(int port, Path key, String command) throws IOException, InterruptedException {
        List<String> cmd = sshBase(port);
        cmd.addAll(List.of("-o", "IdentitiesOnly=yes", "-i", key.toString(), "edgebox@127.0.0.1", command));
        return run(Duration.ofSeconds(20), null, cmd.toArray(String[]::new));
    }

    /** Polls {@code probe} every 100 ms until it holds or {@code within} passes; returns the last result. */
    static <T> T until(Duration within, Predicate<T> holds, IoSupplier<T> probe) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        T last = probe.get();
        for (int i = 0; i < 10_000 && !holds.test(last) && System.nanoTime() < deadline; i++) {
            Thread.sleep(100);
            last = probe.get();
        }
        return last;
    }

    /**
     * As {@link #until}, but the condition must come true: fails with {@code what} (what did not happen), the bound
     * and the last value seen.
     */
    static <T> T await(Duration within, Supplier<String> what, Predicate<T> holds, IoSupplier<T> probe)
            throws Exception {
        T last = until(within, holds, probe);
        if (!holds.test(last)) {
            throw new AssertionError(what.get() + ": not within " + within + "; last seen: " + last);
        }
        return last;
    }

    interface IoSupplier<T> {
        T get() throws Exception;
    }
}
