package edgebox.dns.answer;

/**
 * One answer source of the chain (ACME challenges, zones, gateway hostnames, rewrites, blocklists). Pure and quick:
 * it looks up a precompiled, immutable index and never blocks.
 */
public interface Source {

    /** The answer for the query, or {@code null} when this source has nothing to say about the name. */
    Answer answer(Query query);

    /** True when the source answers some clients differently from others (rules scoped to client networks). */
    default boolean clientSpecific() {
        return false;
    }

    /**
     * Changes whenever the source's answers change in place, without a new chain (ACME challenge records); 0 for a
     * source that never does. Replies kept from the chain hold only while it stays the same.
     */
    default long version() {
        return 0;
    }
}
