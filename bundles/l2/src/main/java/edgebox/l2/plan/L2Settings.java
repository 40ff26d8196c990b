package edgebox.l2.plan;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The announcer's own settings ({@value #PID}), checked.
 *
 * @param interfaces          where VIPs that name no interface are announced; null: nowhere
 * @param garpCount           gratuitous announcements sent on taking a VIP
 * @param garpIntervalMillis  the spacing between them
 * @param garpRefreshSeconds  0, or the period of repeated announcements while owned
 * @param garpForm            which gratuitous ARP form to send
 * @param hostIntegration     whether to set the kernel up (ARP sysctls, VIPs on lo)
 */
public record L2Settings(Pattern interfaces, int garpCount, int garpIntervalMillis, int garpRefreshSeconds,
        GarpForm garpForm, boolean hostIntegration) {

    public static final String PID = "edgebox.l2";

    public enum GarpForm { REQUEST, REPLY, BOTH }

    /** The settings from their configured values; a {@link PlanProblem} names the field that is wrong. */
    public static L2Settings of(String interfaces, int garpCount, int garpIntervalMillis, int garpRefreshSeconds,
            String garpForm, boolean hostIntegration) {
        Pattern where = null;
        if (interfaces != null && !interfaces.isBlank()) {
            try {
                where = Pattern.compile(interfaces.strip());
            } catch (PatternSyntaxException e) {
                throw new PlanProblem(PID, "interfaces", "\"" + interfaces + "\" is not a regular expression: "
                        + e.getDescription());
            }
        }
        GarpForm form;
        try {
            form = GarpForm.valueOf(garpForm.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PlanProblem(PID, "garpForm", "\"" + garpForm + "\" is not request, reply or both");
        }
        return new L2Settings(where, within("garpCount", garpCount, 1, 100),
                within("garpIntervalMillis", garpIntervalMillis, 1, 10_000),
                within("garpRefreshSeconds", garpRefreshSeconds, 0, 86_400), form, hostIntegration);
    }

    private static int within(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new PlanProblem(PID, field, value + " is out of range " + min + "-" + max);
        }
        return value;
    }
}
