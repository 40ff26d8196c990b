package edgebox.dns.forward;

import java.util.List;
import java.util.Map;

import org.xbill.DNS.Name;

/**
 * Which upstreams serve a name: the list of the longest configured domain that is a suffix of it (split DNS), else
 * the default list. Immutable, built once per settings; a lookup walks the name's suffixes, longest first.
 */
final class UpstreamTable {

    private final List<Upstream> defaults;
    private final Map<Name, List<Upstream>> domains;

    UpstreamTable(List<Upstream> defaults, Map<Name, List<Upstream>> domains) {
        this.defaults = List.copyOf(defaults);
        this.domains = Map.copyOf(domains);
    }

    List<Upstream> select(Name qname) {
        if (!domains.isEmpty()) {
            int labels = qname.labels();
            for (int skip = 0; skip < labels; skip++) {
                List<Upstream> list = domains.get(skip == 0 ? qname : new Name(qname, skip));
                if (list != null) {
                    return list;
                }
            }
        }
        return defaults;
    }
}
