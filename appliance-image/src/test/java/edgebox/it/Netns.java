package edgebox.it;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer-2 segment made of network namespaces (needs root): {@code ebs-ID} holds the bridge {@code br0}; each host is
 * a namespace {@code ebNAME-ID} joined to the bridge by a veth pair whose inside end is {@code seg0}, with
 * {@code 10.99.0.N/24} and {@code fd99::N/64} (no DAD) and {@code lo} up. The ID keeps parallel runs apart.
 * {@link #close()} deletes every namespace it made (the veth pairs go with them).
 */
final class Netns implements AutoCloseable {

    static final Duration IP_WITHIN = Duration.ofSeconds(10);

    final String id;
    final String segment;
    private final List<String> hosts = new ArrayList<>();

    private Netns(String id) {
        this.id = id;
        this.segment = "ebs-" + id;
    }

    /** The segment namespace with a bridge that floods multicast (no snooping) and forwards at once (no STP). */
    static Netns create(String id) throws IOException, InterruptedException {
        Netns n = new Netns(id);
        try {
            ip("netns", "add", n.segment);
            ip("-n", n.segment, "link", "set", "lo", "up");
            ip("-n", n.segment, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0", "stp_state", "0");
            ip("-n", n.segment, "link", "set", "br0", "up");
            return n;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            n.close();
            throw e;
        }
    }

    /** A new host on the segment with address number {@code octet}; returns its namespace's name. */
    String host(String name, int octet) throws IOException, InterruptedException {
        String ns = "eb" + name + "-" + id;
        String port = "v" + name;
        ip("netns", "add", ns);
        hosts.add(ns);
        ip("-n", ns, "link", "set", "lo", "up");
        ip("link", "add", "seg0", "netns", ns, "type", "veth", "peer", "name", port, "netns", segment);
        ip("-n", segment, "link", "set", port, "master", "br0", "up");
        ip("-n", ns, "addr", "add", "10.99.0." + octet + "/24", "dev", "seg0");
        ip("-n", ns, "addr", "add", "fd99::" + Integer.toHexString(octet) + "/64", "dev", "seg0", "nodad");
        ip("-n", ns, "link", "set", "seg0", "up");
        return ns;
    }

    /** Deletes a host's namespace (whatever runs in it must have ended). */
    void remove(String ns) throws IOException, InterruptedException {
        if (hosts.remove(ns)) {
            Tools.run(IP_WITHIN, null, "ip", "netns", "del", ns);
        }
    }

    /** The MAC address of {@code seg0} in {@code ns}, lower case. */
    String mac(String ns) throws IOException, InterruptedException {
        return exec(ns, "cat", "/sys/class/net/seg0/address").out().trim().toLowerCase();
    }

    /** A sysctl of the namespace, e.g. {@code net.ipv4.conf.seg0.arp_ignore}. */
    String sysctl(String ns, String key) throws IOException, InterruptedException {
        return exec(ns, "cat", "/proc/sys/" + key.replace('.', '/')).out().trim();
    }

    void sysctl(String ns, String key, String value) throws IOException, InterruptedException {
        exec(ns, "sysctl", "-q", "-w", key + "=" + value);
    }

    /** Runs a command in the namespace; fails naming the command if it exits non-zero. */
    Tools.Result exec(String ns, String... command) throws IOException, InterruptedException {
        Tools.Result r = execAny(ns, command);
        if (r.exit() != 0) {
            throw new AssertionError("in " + ns + ": " + String.join(" ", command) + ": " + r);
        }
        return r;
    }

    /** Runs a command in the namespace, whatever its exit status. */
    Tools.Result execAny(String ns, String... command) throws IOException, InterruptedException {
        return Tools.run(IP_WITHIN, null, in(ns, command));
    }

    /** {@code ip netns exec NS COMMAND...} as an argument list. */
    static String[] in(String ns, String... command) {
        String[] all = new String[command.length + 4];
        all[0] = "ip";
        all[1] = "netns";
        all[2] = "exec";
        all[3] = ns;
        System.arraycopy(command, 0, all, 4, command.length);
        return all;
    }

    static void ip(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "ip";
        System.arraycopy(args, 0, command, 1, args.length);
        Tools.Result r = Tools.run(IP_WITHIN, null, command);
        if (r.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + ": " + r);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(hosts);
        all.add(segment);
        hosts.clear();
        for (String ns : all) {
            Tools.run(IP_WITHIN, null, "ip", "netns", "del", ns);
        }
    }
}
