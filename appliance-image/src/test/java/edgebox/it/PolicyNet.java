package edgebox.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The networks of PolicyIT, made of network namespaces (needs root): the box's namespace {@code ebpol-box-ID} and
 * peers {@code ebpol-NAME-ID}, each joined to the box by a veth pair of its own ({@code eth0} in the peer,
 * {@code pNAMEID} in the box) on network {@code 10.98.N.0/24}: the box is {@code .1}, the peer holds the host
 * numbers given and routes everything through the box. {@link #close()} deletes every namespace it made (the veth
 * pairs go with them).
 */
final class PolicyNet implements AutoCloseable {

    final String id;
    final String box;
    private final List<String> namespaces = new ArrayList<>();

    private PolicyNet(String id) {
        this.id = id;
        this.box = "ebpol-box-" + id;
    }

    static PolicyNet create(String id) throws IOException, InterruptedException {
        PolicyNet net = new PolicyNet(id);
        try {
            net.namespace(net.box);
            return net;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            net.close();
            throw e;
        }
    }

    /** A peer on network {@code 10.98.NETWORK.0/24} with the addresses {@code .HOST}; returns its namespace. */
    String peer(String name, int network, int... hosts) throws IOException, InterruptedException {
        String ns = "ebpol-" + name + "-" + id;
        String port = "p" + name + id;
        String prefix = "10.98." + network + ".";
        namespace(ns);
        Netns.ip("link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", port, "netns", box);
        Netns.ip("-n", box, "addr", "add", prefix + "1/24", "dev", port);
        Netns.ip("-n", box, "link", "set", port, "up");
        for (int host : hosts) {
            Netns.ip("-n", ns, "addr", "add", prefix + host + "/24", "dev", "eth0");
        }
        Netns.ip("-n", ns, "link", "set", "eth0", "up");
        Netns.ip("-n", ns, "route", "add", "default", "via", prefix + "1");
        return ns;
    }

    /** Adds {@code cidr} to the box's loopback (an address the box serves on, reached through its veths). */
    void boxAddress(String cidr) throws IOException, InterruptedException {
        Netns.ip("-n", box, "addr", "add", cidr, "dev", "lo");
    }

    private void namespace(String ns) throws IOException, InterruptedException {
        Netns.ip("netns", "add", ns);
        namespaces.add(ns);
        Netns.ip("-n", ns, "link", "set", "lo", "up");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(namespaces);
        namespaces.clear();
        for (String ns : all.reversed()) {
            Tools.run(Netns.IP_WITHIN, null, "ip", "netns", "del", ns);
        }
    }
}
