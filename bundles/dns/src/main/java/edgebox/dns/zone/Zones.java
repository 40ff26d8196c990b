package edgebox.dns.zone;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import edgebox.dns.answer.Answer;
import edgebox.dns.answer.Query;
import edgebox.dns.answer.Source;

/** The authoritative zones as an answer source: the zone with the longest origin containing the name answers. */
public final class Zones implements Source {

    public static final Zones EMPTY = new Zones(List.of());

    private final List<ZoneIndex> zones;

    public Zones(List<ZoneIndex> zones) {
        List<ZoneIndex> sorted = new ArrayList<>(zones);
        sorted.sort(Comparator.comparingInt((ZoneIndex z) -> z.origin().labels()).reversed());
        this.zones = List.copyOf(sorted);
    }

    public List<ZoneIndex> zones() {
        return zones;
    }

    @Override
    public Answer answer(Query query) {
        for (ZoneIndex z : zones) {
            if (query.name().subdomain(z.origin())) {
                return z.lookup(query.name(), query.type());
            }
        }
        return null;
    }
}
