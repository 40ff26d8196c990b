package edgebox.l2.plan;

import java.util.regex.Pattern;

/**
 * The announcer's own settings ({@code edgebox.l2}).
 *
 * @param interfaces          where VIPs that name no interface are announced; null: nowhere
 * @param garpCount           gratuitous announcements sent on taking a VIP
 * @param garpIntervalMillis  the spacing between them
 * @param garpRefreshSeconds  0, or the period of repeated announcements while owned
 * @param garpForm            which gratuitous ARP form to send
 * @param hostIntegration     whether to set the kernel up (ARP sysctls, VIPs on lo)
 * @param gatewayClassNames   the classes whose Gateway addresses are announced
 */
public record L2Settings(Pattern interfaces, int garpCount, int garpIntervalMillis, int garpRefreshSeconds,
        GarpForm garpForm, boolean hostIntegration, java.util.Set<String> gatewayClassNames) {

    public enum GarpForm { REQUEST, REPLY, BOTH }
}
