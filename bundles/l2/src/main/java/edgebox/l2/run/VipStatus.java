package edgebox.l2.run;

import java.net.InetAddress;
import java.util.List;

/**
 * One VIP as the console shows it.
 *
 * @param state      {@code owned} (no router), {@code master}, {@code backup}, or why it is not announced
 * @param sinceMillis when the state began (epoch ms)
 * @param lastGarpMillis when the last gratuitous announcement left, 0 if never
 */
public record VipStatus(InetAddress address, List<String> interfaces, String router, String state,
        long sinceMillis, long lastGarpMillis, List<String> sources) {
}
