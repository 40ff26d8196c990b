package edgebox.it;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who answers ARP for an address, asked with Debian's arping (Thomas Habets') from {@code seg0} of a namespace. arping
 * exits 1 both when nobody answered and when it could not ask at all (no such interface, no permission, a bad
 * option; {@code ip netns exec} also exits 1 when arping is missing), so only exit 1 with arping's own statistics
 * line counts as "nobody answered"; anything else fails the test with arping's output.
 */
final class Arping {

    private static final Pattern REPLY = Pattern.compile("bytes from ([0-9a-fA-F:]{17}) \\([0-9.]+\\)");
    private static final Pattern UNANSWERED = Pattern.compile("(?m)^\\d+ packets transmitted, 0 packets received");

    private Arping() {
    }

    /** The MACs (lower case) answering two requests for {@code ip}, 200 ms apart, within 3 s; empty if none did. */
    static Set<String> macs(String ns, String ip) throws IOException, InterruptedException {
        Tools.Result r = Tools.run(Netns.IP_WITHIN, null,
                Netns.in(ns, "arping", "-i", "seg0", "-c", "2", "-W", "0.2", "-w", "3", ip));
        Set<String> macs = new TreeSet<>();
        Matcher m = REPLY.matcher(r.out());
        while (m.find()) {
            macs.add(m.group(1).toLowerCase());
        }
        boolean answered = r.exit() == 0 && !macs.isEmpty();
        boolean unanswered = r.exit() == 1 && macs.isEmpty() && UNANSWERED.matcher(r.out()).find();
        if (!answered && !unanswered) {
            throw new AssertionError("arping " + ip + " in " + ns + " could not ask (neither a reply nor its "
                    + "'0 packets received'; .ci/run installs arping): " + r);
        }
        return macs;
    }
}
