package edgebox.policy.compile;

/**
 * A verdict as the data path gets it: one {@code int} holding a code (the low two bits) and the number of the
 * compiled rule that decided ({@link PolicyTable#rule(int)} names it), or -1 when no rule decided (no policy selects
 * the destination, or its default deny). Reading it allocates nothing.
 */
public final class Verdicts {

    /** Let it through. */
    public static final int ALLOW = 0;
    /** Refuse it. */
    public static final int DENY = 1;
    /** A deny only audit-mode policies would cause: let it through, count and log it. */
    public static final int AUDIT = 2;
    /** Let the connection through; rules.http decide each request ({@link PolicyTable#request}). */
    public static final int L7 = 3;

    private Verdicts() {
    }

    static int of(int code, int rule) {
        return (rule + 1) << 2 | code;
    }

    public static int code(int verdict) {
        return verdict & 3;
    }

    /** The deciding rule's number, or -1. */
    public static int rule(int verdict) {
        return (verdict >> 2) - 1;
    }

    /** Whether the traffic goes on (allowed, audited, or handed to the L7 rules). */
    public static boolean passes(int verdict) {
        return code(verdict) != DENY;
    }

    public static String name(int verdict) {
        return switch (code(verdict)) {
            case ALLOW -> "ALLOW";
            case DENY -> "DENY";
            case AUDIT -> "AUDIT (would deny)";
            default -> "L7 (rules.http decide)";
        };
    }
}
