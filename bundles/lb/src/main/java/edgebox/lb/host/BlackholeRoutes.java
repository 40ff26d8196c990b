package edgebox.lb.host;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import edgebox.api.net.Cidr;

/**
 * Keeps the box's own kernel away from the VIPs the load balancer forwards: a {@code blackhole} route per VIP
 * ({@code /32}, {@code /128}) makes the IP stack drop their packets silently, whether or not it forwards, while the
 * packet path, which sees frames before the IP stack, still takes them. The routes carry protocol number
 * {@value #PROTOCOL} so that ones left by a run that was killed are found and removed; {@link #close} removes them
 * all.
 */
public final class BlackholeRoutes implements AutoCloseable {

    static final String PROTOCOL = "235";
    private static final Logger LOG = System.getLogger("edgebox.lb");

    private final List<String> ip;
    private final Set<InetAddress> routed = new HashSet<>();
    private final List<String> errors = new ArrayList<>();
    private boolean cleaned;

    public BlackholeRoutes() {
        this(List.of("ip"));
    }

    /** {@code ip}: how iproute2 is run, e.g. {@code ip -n NAMESPACE} in tests. */
    public BlackholeRoutes(List<String> ip) {
        this.ip = List.copyOf(ip);
    }

    /** Routes exactly {@code vips}: adds the new ones, removes the ones no longer forwarded. */
    public synchronized void sync(Set<InetAddress> vips) {
        if (!cleaned) {
            removeLeftovers();
            cleaned = true;
        }
        for (InetAddress vip : List.copyOf(routed)) {
            if (!vips.contains(vip)) {
                remove(vip);
            }
        }
        for (InetAddress vip : vips) {
            if (!routed.contains(vip)) {
                String result = ip(vip, "route", "replace", "blackhole", prefix(vip), "proto", PROTOCOL);
                if (result == null) {
                    routed.add(vip);
                } else {
                    error("cannot route " + Cidr.text(vip) + " to blackhole: " + result
                            + "; the box's kernel may answer or forward its traffic");
                }
            }
        }
    }

    public synchronized Set<InetAddress> routed() {
        return Set.copyOf(routed);
    }

    /** The problems met so far, newest last (at most 20). */
    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public synchronized void close() {
        List.copyOf(routed).forEach(this::remove);
    }

    private void remove(InetAddress vip) {
        routed.remove(vip);
        String result = ip(vip, "route", "del", "blackhole", prefix(vip), "proto", PROTOCOL);
        if (result != null) {
            error("cannot remove the blackhole route of " + Cidr.text(vip) + ": " + result);
        }
    }

    private void removeLeftovers() {
        for (String family : List.of("-4", "-6")) {
            List<String> show = new ArrayList<>(ip);
            show.addAll(List.of(family, "route", "show", "proto", PROTOCOL));
            String[] out = new String[1];
            String result = run(show, out);
            if (result != null) {
                error("cannot list blackhole routes left by an earlier run: " + result);
                continue;
            }
            for (String line : out[0].lines().toList()) {
                String[] words = line.strip().split("\\s+");
                if (words.length >= 2 && words[0].equals("blackhole")) {
                    List<String> del = new ArrayList<>(ip);
                    del.addAll(List.of(family, "route", "del", "blackhole", words[1], "proto", PROTOCOL));
                    String failed = run(del);
                    if (failed != null) {
                        error("cannot remove the blackhole route " + words[1] + " left by an earlier run: " + failed);
                    }
                }
            }
        }
    }

    private static String prefix(InetAddress vip) {
        return Cidr.text(vip) + (vip instanceof Inet4Address ? "/32" : "/128");
    }

    private String ip(InetAddress vip, String... args) {
        List<String> cmd = new ArrayList<>(ip);
        cmd.add(vip instanceof Inet4Address ? "-4" : "-6");
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static String run(List<String> cmd) {
        return run(cmd, new String[1]);
    }

    /** Runs a command; null on success, else what it said. {@code out[0]} gets its output. */
    private static String run(List<String> cmd, String[] out) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", cmd) + ": no answer in 5 s";
            }
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            out[0] = text;
            return p.exitValue() == 0 ? null : text.isEmpty() ? "exit " + p.exitValue() : text;
        } catch (IOException e) {
            return String.join(" ", cmd) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private void error(String message) {
        LOG.log(Level.WARNING, "lb: " + message);
        errors.add(message);
        if (errors.size() > 20) {
            errors.remove(0);
        }
    }
}
