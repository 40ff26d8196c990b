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
 */
public record Announcement(InetAddress address, String interfaces, String router, List<String> sources) {

    public Announcement {
        sources = List.copyOf(sources);
    }
}
