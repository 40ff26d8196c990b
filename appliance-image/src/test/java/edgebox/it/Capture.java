package edgebox.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A tshark capture on {@code seg0} of one namespace, started before what it watches: each frame becomes a
 * {@link Frame} as it arrives (tshark {@code -l -T fields}). The raw lines also go to {@code it-logs/NAME.pcap.txt}.
 */
final class Capture implements AutoCloseable {

    static final String[] FIELDS = {"frame.time_epoch", "eth.src", "arp.opcode", "arp.src.proto_ipv4",
            "arp.dst.proto_ipv4", "ip.src", "vrrp.virt_rtr_id", "vrrp.prio", "icmpv6.type",
            "icmpv6.nd.na.target_address", "icmpv6.nd.na.flag.o", "ip.dst", "icmp.type"};

    /** One captured frame; empty strings for fields it lacks. {@code micros} is the capture time (epoch). */
    record Frame(long micros, String ethSrc, String arpOp, String arpSender, String arpTarget, String ipSrc,
                 String vrid, String vrrpPriority, String icmp6Type, String naTarget, String naOverride,
                 String ipDst, String icmpType) {

        /** A gratuitous ARP (request or reply form: sender and target are both {@code vip}) sent by {@code mac}. */
        boolean garp(String vip, String mac) {
            return !arpOp.isEmpty() && arpSender.equals(vip) && arpTarget.equals(vip) && ethSrc.equals(mac);
        }

        /** An unsolicited Neighbor Advertisement for {@code target} with the override flag, sent by {@code mac}. */
        boolean unsolicitedNa(String target, String mac) {
            return icmp6Type.equals("136") && naTarget.equals(target) && ethSrc.equals(mac)
                    && (naOverride.equals("1") || naOverride.equalsIgnoreCase("true"));
        }

        /** An IPv4 frame from {@code source} to {@code destination} (the outer header's addresses). */
        boolean ip(String source, String destination) {
            return ipSrc.equals(source) && ipDst.equals(destination);
        }

        boolean vrrp() {
            return !vrrpPriority.isEmpty();
        }

        @Override
        public String toString() {
            return micros / 1_000_000 + "." + String.format("%06d", micros % 1_000_000) + " " + ethSrc
                    + (arpOp.isEmpty() ? "" : " arp op " + arpOp + " " + arpSender + " -> " + arpTarget)
                    + (vrrp() ? " vrrp " + ipSrc + " vrid " + vrid + " prio " + vrrpPriority : "")
                    + (icmp6Type.isEmpty() ? "" : " icmp6 " + icmp6Type + " " + naTarget + " O=" + naOverride)
                    + (ipDst.isEmpty() || vrrp() ? "" : " ip " + ipSrc + " -> " + ipDst)
                    + (icmpType.isEmpty() ? "" : " icmp " + icmpType);
        }
    }

    private final List<Frame> frames = new ArrayList<>();
    private final Process process;
    private final String name;
    private boolean ended;

    private Capture(Process process, String name) {
        this.process = process;
        this.name = name;
    }

    /** Starts tshark with capture {@code filter} in {@code ns} and returns once it captures (bounded: 20 s). */
    static Capture start(String ns, String filter, String name) throws IOException, InterruptedException {
        Files.createDirectories(Box.LOGS);
        List<String> command = new ArrayList<>(List.of(Netns.in(ns, "tshark", "-l", "-n", "-i", "seg0", "-f", filter,
                "-T", "fields", "-E", "separator=|", "-E", "occurrence=f")));
        for (String f : FIELDS) {
            command.add("-e");
            command.add(f);
        }
        Process p = new ProcessBuilder(command).start();
        Capture c = new Capture(p, name);
        Object started = new Object();
        boolean[] capturing = {false};
        StringBuilder err = new StringBuilder();
        Thread errors = new Thread(() -> {
            try (BufferedReader in = p.errorReader(StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (started) {
                        err.append(line).append('\n');
                        if (line.contains("Capturing on")) {
                            capturing[0] = true;
                        }
                        started.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            } finally {
                synchronized (started) {
                    started.notifyAll();
                }
            }
        }, "tshark-stderr-" + name);
        errors.setDaemon(true);
        errors.start();
        Thread reader = new Thread(c::collect, "tshark-" + name);
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        synchronized (started) {
            while (!capturing[0] && p.isAlive() && System.nanoTime() < deadline) {
                started.wait(200);
            }
            if (!capturing[0]) {
                c.close();
                throw new AssertionError("tshark in " + ns + " (filter '" + filter + "') did not start capturing: "
                        + err);
            }
        }
        return c;
    }

    private void collect() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(Box.LOGS.resolve(name + ".pcap.txt")), true)) {
            log.println("# " + String.join("|", FIELDS));
            String line;
            while ((line = in.readLine()) != null) {
                log.println(line);
                Frame f = parse(line);
                if (f != null) {
                    synchronized (frames) {
                        frames.add(f);
                        frames.notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            synchronized (frames) {
                ended = true;
                frames.notifyAll();
            }
        }
    }

    static Frame parse(String line) {
        String[] v = line.split("\\|", -1);
        if (v.length < FIELDS.length || v[0].isEmpty()) {
            return null;
        }
        return new Frame(micros(v[0]), v[1].toLowerCase(), v[2], v[3], v[4], v[5], v[6], v[7], v[8],
                v[9].toLowerCase(), v[10], v[11], v[12]);
    }

    /** {@code 1700000000.123456789} (tshark's epoch) in microseconds. */
    static long micros(String epoch) {
        int dot = epoch.indexOf('.');
        String fraction = (epoch.substring(dot + 1) + "000000").substring(0, 6);
        return Long.parseLong(epoch.substring(0, dot)) * 1_000_000 + Long.parseLong(fraction);
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }

    List<Frame> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    /** Waits (bounded) for the first frame that matches; empty if none came within {@code within}. */
    Optional<Frame> await(Predicate<Frame> match, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (frames) {
            int seen = 0;
            while (true) {
                for (; seen < frames.size(); seen++) {
                    if (match.test(frames.get(seen))) {
                        return Optional.of(frames.get(seen));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || ended) {
                    return Optional.empty();
                }
                frames.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
            }
        }
    }

    /** What was captured, one frame a line, for failure messages. */
    String dump() {
        StringBuilder b = new StringBuilder();
        for (Frame f : frames()) {
            b.append(f).append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
