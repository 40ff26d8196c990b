package edgebox.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One edgebox for a system test: a home copied from the built distribution (etc/, system/, features/) with its own
 * ports, started as a real process through {@code bin/edgebox run --home}. Output lines are collected as they come.
 */
final class Box implements AutoCloseable {

    static final Path DIST = Path.of(System.getProperty("edgebox.dist", "target/edgebox")).toAbsolutePath();
    static final Duration READY_WITHIN = Duration.ofSeconds(60);

    final Path home;
    final int healthPort;
    final int sshPort;
    static final Path LOGS = Path.of(System.getProperty("edgebox.itLogs", "target/it-logs")).toAbsolutePath();

    private final List<String> lines = new ArrayList<>();
    private final Path logFile;
    private Process process;
    private boolean outputEnded;
    private int generation;

    private Box(Path home, int healthPort, int sshPort, String name) {
        this.home = home;
        this.healthPort = healthPort;
        this.sshPort = sshPort;
        this.logFile = LOGS.resolve(name + ".log");
    }

    /**
     * A fresh home under {@code dir} with free loopback ports for health and the SSH console; the box's output goes to
     * {@code target/it-logs/NAME.log} as well.
     */
    static Box create(Path dir, String name) throws IOException {
        Files.createDirectories(LOGS);
        Path home = dir.resolve("home");
        for (String part : List.of("etc", "system", "features")) {
            copyTree(DIST.resolve(part), home.resolve(part));
        }
        Files.createDirectories(home.resolve("deploy"));
        Files.createDirectories(home.resolve("data"));
        Box box = new Box(home, freePort(), freePort(), name);
        Files.deleteIfExists(box.logFile);
        box.writeCfg("edgebox.health", "address = 127.0.0.1\nport = " + box.healthPort + "\n");
        box.writeCfg("edgebox.console.ssh", "address = 127.0.0.1\nport = " + box.sshPort
                + "\nauthorizedKeys = etc/authorized_keys\nhostKey = data/ssh/host_key\n");
        return box;
    }

    /** A new ed25519 key pair {@code dir/NAME} whose public key the box accepts; returns the private key's path. */
    Path authorize(Path dir, String name) throws IOException, InterruptedException {
        Path key = Tools.keygen(dir, name);
        Files.writeString(home.resolve("etc/authorized_keys"), Files.readString(dir.resolve(name + ".pub")),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return key;
    }

    /**
     * A loopback port free for TCP and for UDP at the moment of asking (the DNS binds both on one port; a TCP probe
     * alone could hand out a port a UDP socket holds, such as a resolver's or a client's ephemeral one).
     */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    DatagramSocket udp = new DatagramSocket(null)) {
                udp.bind(new InetSocketAddress("0.0.0.0", s.getLocalPort()));
                return s.getLocalPort();
            } catch (java.net.BindException udpTaken) {
                // that port has a UDP socket: try another
            }
        }
        throw new IOException("no loopback port free for both TCP and UDP after 20 tries");
    }

    /** Writes {@code etc/PID.cfg} atomically (a temporary file beside it, then a move), as an operator's editor would. */
    void writeCfg(String pid, String text) throws IOException {
        Path target = home.resolve("etc").resolve(pid + ".cfg");
        Path tmp = home.resolve("etc-staging").resolve(pid + ".cfg");
        Files.createDirectories(tmp.getParent());
        Files.writeString(tmp, text);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Box start() throws IOException {
        return start(launch());
    }

    /**
     * Starts the box on a pseudo-terminal, as an operator at a console would ({@code script} from util-linux gives
     * it one); what the test writes to {@link #keyboard()} is typed on that terminal.
     */
    Box startOnTerminal() throws IOException {
        String command = DIST.resolve("bin/edgebox") + " run --home " + home;
        return start(new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectErrorStream(true).start());
    }

    /**
     * Starts the box inside the network namespace {@code netns} ({@code ip netns exec}, which execs, as
     * {@code bin/edgebox} does: the process is the box's JVM); its health and console listen on that namespace's
     * loopback.
     */
    Box startIn(String netns) throws IOException {
        return start(new ProcessBuilder(Netns.in(netns, DIST.resolve("bin/edgebox").toString(), "run", "--home",
                home.toString()))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start());
    }

    OutputStream keyboard() {
        return process.getOutputStream();
    }

    /** The pid of the box's JVM, from the home's lock file (under a terminal it is not the process we started). */
    long jvmPid() throws IOException {
        return Long.parseLong(Files.readString(home.resolve("data/edgebox.lock")).trim());
    }

    private Box start(Process started) {
        int g;
        synchronized (lines) {
            lines.clear();
            outputEnded = false;
            g = ++generation;
        }
        process = started;
        Process p = process;
        Thread reader = new Thread(() -> collect(p, g), "edgebox-output");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    /** A second {@code bin/edgebox run} on the same home; the caller waits for it. */
    Process launch() throws IOException {
        return new ProcessBuilder(DIST.resolve("bin/edgebox").toString(), "run", "--home", home.toString())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }

    private void collect(Process p, int g) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND), true)) {
            log.println("---- bin/edgebox run --home " + home + " (pid " + p.pid() + ")");
            String line;
            while ((line = in.readLine()) != null) {
                log.println(line);
                synchronized (lines) {
                    if (g == generation) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            synchronized (lines) {
                if (g == generation) {
                    outputEnded = true;
                    lines.notifyAll();
                }
            }
        }
    }

    /** Waits (bounded) for an output line containing {@code text}; fails with the output so far. */
    String awaitLine(String text, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (lines.get(seen).contains(text)) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || outputEnded) {
                    throw new AssertionError("no line with '" + text + "' within " + within + "; output:\n" + output());
                }
                lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
        }
    }

    String awaitReady() throws InterruptedException {
        return awaitLine("edgebox ready in ", READY_WITHIN);
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    Process process() {
        return process;
    }

    /**
     * SIGTERM, then the exit code (the process must end within {@code within}). Sent through the process handle:
     * {@code Process.destroy()} would also close our end of its output, losing the lines it writes while stopping.
     */
    int terminate(Duration within) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("edgebox did not end within " + within + " of SIGTERM; output:\n" + output());
        }
        return process.exitValue();
    }

    Optional<Path> deployed(String name) {
        Path p = home.resolve("deploy").resolve(name);
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }

    /** Puts a jar into deploy/ atomically: written beside the home first, then moved in (replacing one of that name). */
    void deploy(String name, byte[] jar) throws IOException {
        Path staging = Files.createDirectories(home.resolve("deploy-staging")).resolve(name);
        Files.write(staging, jar);
        Files.move(staging, home.resolve("deploy").resolve(name), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.toHandle().destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new IOException("distribution " + DIST + ": " + from.getFileName() + "/ is missing");
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
