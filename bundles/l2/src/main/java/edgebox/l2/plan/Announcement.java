package edgebox.l2.plan;

import java.net.InetAddress;
import java.util.List;

/**
 * One VIP the box announces.
 *
 * @param address    the VIP
 * @param interfaces a name or regex of the interfaces it is announced on; null: none chosen (not announced)
 * @param router     the virtual router that decides whether this box owns it; null: owned unconditionally
 * @param sources    what asked for it ({@code Gateway network/envoy-internal}, {@code edgebox.l2.vip~dns})
 * @param served     the box's own sockets take its traffic, so an owned one goes on {@code lo}; false for the VIP of
 *                   a Service the load balancer forwards (DSR), which the box's kernel must not take
 */
public record Announcement(InetAddress address, String interfaces, String router, List<String> sources,
        boolean served) {

    public Announcement {
        sources = List.copyOf(sources);
    }

    public Announcement(InetAddress address, String interfaces, String router, List<String> sources) {
        this(address, interfaces, router, sources, true);
    }
}
