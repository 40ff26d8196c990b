package edgebox.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One virtual machine of the disk image tests: {@code qemu-system-x86_64} without KVM (TCG, 2 CPUs, 1 GiB) booting a
 * disk image through its firmware, SeaBIOS or OVMF, with user networking and the loopback forwards of
 * {@link Forwards}. The serial console is qemu's stdio: its lines are collected (escape sequences removed) and logged
 * to {@code target/it-logs/NAME.log} with the seconds since qemu started; {@link #type} types on it. The ACPI power
 * button is pressed over QMP. {@link #close} kills qemu by its pid if it still runs.
 */
final class Qemu implements AutoCloseable {

    enum Firmware { SEABIOS, OVMF }

    static final Path OVMF_CODE = Path.of("/usr/share/OVMF/OVMF_CODE.fd");
    static final Path OVMF_VARS = Path.of("/usr/share/OVMF/OVMF_VARS.fd");
    private static final Pattern ESCAPES = Pattern.compile("\u001B(\\[[0-9;?=]*[A-Za-z]|[()][0-9A-Za-z]|[=>])");

    /** A serial console line and when it came, in milliseconds since qemu started. */
    record Line(long atMillis, String text) {
    }

    private final Process process;
    private final Path qmp;
    private final long startNanos = System.nanoTime();
    private final List<Line> lines = new ArrayList<>();
    private boolean ended;

    private Qemu(Process process, Path qmp, Path log) {
        this.process = process;
        this.qmp = qmp;
        Thread reader = new Thread(() -> collect(log), "qemu-serial");
        reader.setDaemon(true);
        reader.start();
    }

    /** Boots {@code disk} (raw) with {@code firmware}; OVMF gets a copy of its variable store in {@code dir}. */
    static Qemu boot(Path disk, Firmware firmware, Forwards forwards, Path dir, String name) throws IOException {
        return boot(disk, firmware, forwards, dir, name, List.of());
    }

    /**
     * As {@link #boot(Path, Firmware, Forwards, Path, String)}, with {@code drives} (raw files) attached after the
     * disk as further virtio disks, /dev/vdb, /dev/vdc ... in this order: a USB stick as the box sees one.
     */
    static Qemu boot(Path disk, Firmware firmware, Forwards forwards, Path dir, String name, List<Path> drives)
            throws IOException {
        requireQemu(firmware);
        Files.createDirectories(Box.LOGS);
        // thread=single: with one host thread per vCPU (qemu's default) the box's JVM died of SIGILL in freshly
        // compiled or patched code now and then (suspected: qemu 7.2 missing a code change made on the other
        // vCPU); on one thread the vCPUs never run at once
        List<String> command = new ArrayList<>(List.of("qemu-system-x86_64", "-machine", "pc",
                "-accel", "tcg,thread=single", "-smp", "2", "-m", "1024", "-nographic", "-monitor", "none",
                "-serial", "stdio"));
        if (firmware == Firmware.OVMF) {
            Path vars = dir.resolve(name + "-OVMF_VARS.fd");
            Files.copy(OVMF_VARS, vars, StandardCopyOption.REPLACE_EXISTING);
            command.addAll(List.of("-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + OVMF_CODE,
                    "-drive", "if=pflash,format=raw,unit=1,file=" + vars));
        }
        Path qmp = dir.resolve(name + ".qmp");
        Files.deleteIfExists(qmp);
        command.addAll(List.of("-drive", "file=" + disk + ",format=raw,if=virtio"));
        for (Path drive : drives) {
            command.addAll(List.of("-drive", "file=" + drive + ",format=raw,if=virtio,readonly=on"));
        }
        command.addAll(List.of(
                "-netdev", forwards.netdev("net0"),
                // no option ROM: neither firmware tries network boot first
                "-device", "virtio-net-pci,netdev=net0,romfile=",
                "-qmp", "unix:" + qmp + ",server=on,wait=off"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new Qemu(p, qmp, Box.LOGS.resolve(name + ".log"));
    }

    private static void requireQemu(Firmware firmware) {
        boolean qemu = Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "qemu-system-x86_64")));
        if (!qemu) {
            throw new AssertionError("qemu-system-x86_64 is not installed: apt-get install qemu-system-x86");
        }
        if (firmware == Firmware.OVMF && !(Files.isRegularFile(OVMF_CODE) && Files.isRegularFile(OVMF_VARS))) {
            throw new AssertionError("no UEFI firmware at " + OVMF_CODE + ": apt-get install ovmf");
        }
    }

    private void collect(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND), true)) {
            out.println("---- " + String.join(" ", process.info().arguments().map(List::of).orElse(List.of())));
            String raw;
            while ((raw = in.readLine()) != null) {
                String text = ESCAPES.matcher(raw).replaceAll("").strip();
                if (text.isEmpty()) {
                    continue;
                }
                long at = (System.nanoTime() - startNanos) / 1_000_000;
                out.printf("[%4d.%03d] %s%n", at / 1000, at % 1000, text);
                synchronized (lines) {
                    lines.add(new Line(at, text));
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            synchronized (lines) {
                ended = true;
                lines.notifyAll();
            }
        }
    }

    /** How many lines have come so far: a starting point for {@link #awaitLine(String, int, Duration)}. */
    int mark() {
        synchronized (lines) {
            return lines.size();
        }
    }

    /** Milliseconds since qemu started, the clock of {@link Line#atMillis()}. */
    long millis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    Line awaitLine(String text, Duration within) throws InterruptedException {
        return awaitLine(text, 0, within);
    }

    /** Waits (bounded) for a line from line number {@code from} on that contains {@code text}. */
    Line awaitLine(String text, int from, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (lines) {
            for (int seen = from; ; ) {
                for (; seen < lines.size(); seen++) {
                    if (lines.get(seen).text().contains(text)) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || ended) {
                    throw new AssertionError("no serial console line with '" + text + "' within " + within
                            + (ended ? " (qemu ended)" : "") + "; the last lines:\n" + tail(40));
                }
                lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 500)));
            }
        }
    }

    /** Types {@code line} and Enter on the serial console. */
    void type(String line) throws IOException {
        OutputStream keys = process.getOutputStream();
        keys.write((line + "\r").getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** Runs a console command and waits for a line of its answer containing {@code reply}. */
    Line console(String command, String reply, Duration within) throws IOException, InterruptedException {
        int from = mark();
        type(command);
        return awaitLine(reply, from, within);
    }

    /** Presses the ACPI power button (QMP {@code system_powerdown}). */
    void powerButton() throws Exception {
        CompletableFuture<Void> press = CompletableFuture.runAsync(() -> {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(qmp));
                BufferedReader in = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8));
                in.readLine();
                send(channel, "{\"execute\":\"qmp_capabilities\"}");
                in.readLine();
                send(channel, "{\"execute\":\"system_powerdown\"}");
                in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        press.get(20, TimeUnit.SECONDS);
    }

    private static void send(SocketChannel channel, String json) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Waits (bounded) for qemu to end, as it does when the machine powers off; fails with the last lines. */
    void awaitPowerOff(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the machine did not power off within " + within + "; the last lines:\n"
                    + tail(40));
        }
    }

    String tail(int count) {
        synchronized (lines) {
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()).stream()
                    .map(Line::text).toList());
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
