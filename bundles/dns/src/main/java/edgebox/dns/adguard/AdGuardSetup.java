package edgebox.dns.adguard;

import java.nio.file.Path;
import java.util.List;

import edgebox.dns.block.FilterList;
import edgebox.dns.rewrite.RewriteRule;

/**
 * What an {@code AdGuardHome.yaml} gives the box: rewrites, filter lists (filters, allowlists and user rules, already
 * parsed), the forwarder's {@code upstreams} and {@code domainUpstreams} (empty when the file names none the box can
 * use: the box's own forwarding settings then stay), notes on what was skipped and why, and the
 * list files read (watched for changes with the file itself).
 */
public record AdGuardSetup(List<RewriteRule> rewrites, List<FilterList> filters, List<String> upstreams,
        List<String> domainUpstreams, List<String> notes, List<Path> files) {

    public AdGuardSetup {
        rewrites = List.copyOf(rewrites);
        filters = List.copyOf(filters);
        upstreams = List.copyOf(upstreams);
        domainUpstreams = List.copyOf(domainUpstreams);
        notes = List.copyOf(notes);
        files = List.copyOf(files);
    }
}
