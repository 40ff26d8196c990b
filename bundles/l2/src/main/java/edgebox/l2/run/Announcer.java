package edgebox.l2.run;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import edgebox.l2.plan.L2Settings;
import edgebox.l2.wire.Frames;
import edgebox.l2.wire.Port;

/**
 * Gratuitous announcements: on taking a VIP, {@code garpCount} rounds {@code garpIntervalMillis} apart, the first at
 * once (ARP request and/or reply form for IPv4, an unsolicited override NA for IPv6), and optionally a round every
 * {@code garpRefreshSeconds} while owned. A round skips VIPs no longer owned by then. Runs on the engine's thread.
 */
final class Announcer {

    private final ScheduledExecutorService executor;
    private final Map<String, Port> ports;
    private final Supplier<Map<String, Set<InetAddress>>> owned;
    private final Observer observer;
    private final Map<InetAddress, Long> last = new ConcurrentHashMap<>();
    private L2Settings settings;
    private Runnable refresh;

    Announcer(ScheduledExecutorService executor, Map<String, Port> ports,
            Supplier<Map<String, Set<InetAddress>>> owned, Observer observer, L2Settings settings) {
        this.executor = executor;
        this.ports = ports;
        this.owned = owned;
        this.observer = observer;
        this.settings = settings;
    }

    /** New settings; the periodic round is re-planned when its period changed. */
    void settings(L2Settings next) {
        boolean periodChanged = refresh == null || next.garpRefreshSeconds() != settings.garpRefreshSeconds();
        settings = next;
        if (periodChanged) {
            if (refresh != null) {
                refresh.run();
            }
            int period = next.garpRefreshSeconds();
            if (period > 0) {
                var f = executor.scheduleWithFixedDelay(() -> round(allOwned()), period, period, TimeUnit.SECONDS);
                refresh = () -> f.cancel(false);
            } else {
                refresh = () -> { };
            }
        }
    }

    /** Announces {@code vips} now and {@code garpCount - 1} more times. */
    void taken(Set<InetAddress> vips) {
        announce(vips, settings.garpCount());
    }

    /** When {@code vip} was last announced (epoch ms), 0 if never. */
    long lastMillis(InetAddress vip) {
        return last.getOrDefault(vip, 0L);
    }

    private void announce(Set<InetAddress> vips, int rounds) {
        round(vips);
        if (rounds > 1) {
            executor.schedule(() -> announce(vips, rounds - 1), settings.garpIntervalMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Set<InetAddress> allOwned() {
        Set<InetAddress> all = new java.util.HashSet<>();
        owned.get().values().forEach(all::addAll);
        return all;
    }

    private void round(Set<InetAddress> vips) {
        long now = System.currentTimeMillis();
        owned.get().forEach((iface, mine) -> {
            Port port = ports.get(iface);
            if (port == null) {
                return;
            }
            for (InetAddress vip : vips) {
                if (!mine.contains(vip)) {
                    continue;
                }
                if (vip instanceof Inet4Address) {
                    if (settings.garpForm() != L2Settings.GarpForm.REPLY) {
                        port.send(Frames.garpRequest(port.mac(), vip));
                    }
                    if (settings.garpForm() != L2Settings.GarpForm.REQUEST) {
                        port.send(Frames.garpReply(port.mac(), vip));
                    }
                } else {
                    port.send(Frames.neighborAdvert(port.mac(), (Inet6Address) vip, null, null));
                }
                observer.garpSent(iface);
                last.put(vip, now);
            }
        });
    }

    void close() {
        if (refresh != null) {
            refresh.run();
        }
    }
}
