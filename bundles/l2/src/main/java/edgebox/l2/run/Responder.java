package edgebox.l2.run;

import java.net.InetAddress;
import java.util.Map;
import java.util.Set;

import edgebox.l2.wire.Frames;
import edgebox.l2.wire.Inbound;
import edgebox.l2.wire.Port;

/**
 * Answers who-has and Neighbor Solicitations for the VIPs owned on the interface they arrived on, on the capture's
 * thread, from an immutable map swapped whole by the engine. A gratuitous request (asking for its own address) is no
 * question; an address not owned gets no answer.
 */
final class Responder {

    private final Map<String, Port> ports;
    private final Observer observer;
    private volatile Map<String, Set<InetAddress>> owned = Map.of();

    Responder(Map<String, Port> ports, Observer observer) {
        this.ports = ports;
        this.observer = observer;
    }

    /** Interface name to the VIPs answered there; the sets are immutable. */
    void owned(Map<String, Set<InetAddress>> next) {
        owned = Map.copyOf(next);
    }

    Map<String, Set<InetAddress>> owned() {
        return owned;
    }

    void answer(String iface, Inbound in) {
        Set<InetAddress> mine = owned.get(iface);
        Port port = ports.get(iface);
        if (mine == null || port == null) {
            return;
        }
        if (in instanceof Inbound.WhoHas w && mine.contains(w.target()) && !w.target().equals(w.askerIp())) {
            if (port.send(Frames.arpReply(port.mac(), w.target(), w.askerMac(), w.askerIp()))) {
                observer.arpReplied(iface);
            }
        } else if (in instanceof Inbound.Solicitation s && mine.contains(s.target())) {
            boolean dad = s.askerIp().isAnyLocalAddress();
            if (port.send(Frames.neighborAdvert(port.mac(), s.target(), dad ? null : s.askerIp(), s.askerMac()))) {
                observer.ndpReplied(iface);
            }
        }
    }
}
