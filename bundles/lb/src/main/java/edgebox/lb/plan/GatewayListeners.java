package edgebox.lb.plan;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import edgebox.api.objects.Gateway;
import edgebox.api.objects.ObjectSnapshot;

/**
 * The addresses, ports and protocols the served Gateways listen on, to find a Service that would take one of
 * them. A wildcard bind address (0.0.0.0, ::) takes the port on every address of its family.
 */
final class GatewayListeners {

    private record Bound(InetAddress address, int port, Protocol protocol, String gateway, String listener) {
    }

    private final List<Bound> bound;

    private GatewayListeners(List<Bound> bound) {
        this.bound = bound;
    }

    static GatewayListeners of(ObjectSnapshot snapshot) {
        List<Bound> bound = new ArrayList<>();
        for (Gateway g : snapshot.gateways()) {
            if (!snapshot.served(g)) {
                continue;
            }
            for (String text : snapshot.bindAddresses(g)) {
                InetAddress address = literal(text);
                if (address == null) {
                    continue;
                }
                for (Gateway.Listener l : g.listeners()) {
                    Protocol protocol = "UDP".equals(l.protocol()) ? Protocol.UDP : Protocol.TCP;
                    bound.add(new Bound(address, l.port(), protocol, g.meta().key(), l.name()));
                }
            }
        }
        return new GatewayListeners(List.copyOf(bound));
    }

    /** Who already listens on this VIP:port/protocol, as "Gateway ns/name listener x", or null. */
    String holder(VipKey key) {
        for (Bound b : bound) {
            if (b.port() == key.port() && b.protocol() == key.protocol() && covers(b.address(), key.address())) {
                return "Gateway " + b.gateway() + " listener " + b.listener();
            }
        }
        return null;
    }

    private static boolean covers(InetAddress bind, InetAddress vip) {
        if (bind.isAnyLocalAddress()) {
            return bind.getAddress().length == vip.getAddress().length;
        }
        return bind.equals(vip);
    }

    /** The address of an IP literal, null for anything else (a host name is never looked up). */
    private static InetAddress literal(String text) {
        String t = text.strip();
        boolean v4 = !t.isEmpty() && t.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        if (!v4 && t.indexOf(':') < 0) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
