package edgebox.l2.plan;

import java.util.List;

import edgebox.l2.vrrp.RouterSettings;

/** Everything the announcer should do, compiled from its inputs; immutable, replaced whole on each change. */
public record L2Plan(long version, List<Announcement> announcements, List<RouterSettings> routers,
        List<String> problems) {

    public L2Plan {
        announcements = List.copyOf(announcements);
        routers = List.copyOf(routers);
        problems = List.copyOf(problems);
    }

    public static final L2Plan EMPTY = new L2Plan(0, List.of(), List.of(), List.of());
}
