package edgebox.l2.host;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.net.Cidr;
import edgebox.api.runtime.HostCommand;

/**
 * What the kernel must be told so that the announcer, not the kernel, answers for the VIPs, and the kernel still
 * accepts their traffic: on each announcing interface {@code arp_ignore=1} (answer ARP only for addresses on that
 * interface) and {@code arp_announce=2} (never use a VIP as the source of its own ARP requests); each owned VIP on
 * {@code lo} ({@code /32}, {@code /128}), so sockets bound to it receive. Everything it changed is undone by
 * {@link #close}: the sysctls get their old values back, the addresses it added leave {@code lo}.
 */
public final class HostIntegration implements AutoCloseable {

    private static final Logger LOG = System.getLogger("edgebox.l2");
    private static final Path CONF = Path.of("/proc/sys/net/ipv4/conf");

    private final Map<String, String[]> savedSysctls = new LinkedHashMap<>();
    private final Set<InetAddress> onLoopback = new HashSet<>();
    private final List<String> errors = new ArrayList<>();

    /** Sets the ARP sysctls on {@code iface} (once; the old values are kept for {@link #close}). */
    public synchronized void prepareInterface(String iface) {
        if (savedSysctls.containsKey(iface)) {
            return;
        }
        Path dir = CONF.resolve(iface);
        try {
            String ignore = Files.readString(dir.resolve("arp_ignore")).strip();
            String announce = Files.readString(dir.resolve("arp_announce")).strip();
            Files.writeString(dir.resolve("arp_ignore"), "1");
            Files.writeString(dir.resolve("arp_announce"), "2");
            savedSysctls.put(iface, new String[] {ignore, announce});
        } catch (IOException e) {
            error("cannot set arp_ignore/arp_announce on " + iface + " (" + e.getMessage()
                    + "): the kernel may answer ARP for VIPs on its own");
        }
    }

    /**
     * Puts an owned VIP on {@code lo}. One already there (left by a run that was killed) is adopted: it leaves
     * {@code lo} with the ownership.
     */
    public synchronized void own(InetAddress vip) {
        if (onLoopback.contains(vip)) {
            return;
        }
        String result = ip("addr", "add", prefix(vip), "dev", "lo");
        if (result == null || result.contains("exists") || result.contains("already assigned")) {
            onLoopback.add(vip);
        } else {
            error("cannot put " + Cidr.text(vip) + " on lo: " + result);
        }
    }

    public synchronized void release(InetAddress vip) {
        if (onLoopback.remove(vip)) {
            String result = ip("addr", "del", prefix(vip), "dev", "lo");
            if (result != null) {
                error("cannot remove " + Cidr.text(vip) + " from lo: " + result);
            }
        }
    }

    /** The problems met so far, newest last. */
    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public synchronized void close() {
        for (InetAddress vip : List.copyOf(onLoopback)) {
            release(vip);
        }
        savedSysctls.forEach((iface, old) -> {
            Path dir = CONF.resolve(iface);
            try {
                Files.writeString(dir.resolve("arp_ignore"), old[0]);
                Files.writeString(dir.resolve("arp_announce"), old[1]);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "l2: cannot restore the ARP sysctls of " + iface + ": " + e.getMessage());
            }
        });
        savedSysctls.clear();
    }

    private static String prefix(InetAddress vip) {
        return Cidr.text(vip) + (vip instanceof Inet4Address ? "/32" : "/128");
    }

    /** Runs iproute2's {@code ip}; null on success, else what it said. */
    private static String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        HostCommand.Result r = HostCommand.run(cmd, Duration.ofSeconds(5));
        return r.ok() ? null : r.failure();
    }

    private void error(String message) {
        LOG.log(Level.WARNING, "l2: " + message);
        errors.add(message);
        if (errors.size() > 20) {
            errors.remove(0);
        }
    }
}
