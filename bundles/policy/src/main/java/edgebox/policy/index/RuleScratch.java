package edgebox.policy.index;

/**
 * A mutable rule-number set of fixed capacity, made once per thread (an event loop) and reused for every verdict:
 * {@code and}, {@code or} and {@code andNot} of {@link RuleSet}s work in place and allocate nothing. Not shared
 * between threads.
 */
public final class RuleScratch {

    private final long[] words;
    private final int capacity;

    public RuleScratch(int capacity) {
        this.capacity = capacity;
        this.words = new long[RuleSet.wordCount(capacity)];
    }

    public int capacity() {
        return capacity;
    }

    /** This becomes a copy of {@code set}; bits past its capacity are cleared. */
    public RuleScratch copyOf(RuleSet set) {
        long[] from = set.words;
        int n = Math.min(from.length, words.length);
        System.arraycopy(from, 0, words, 0, n);
        for (int w = n; w < words.length; w++) {
            words[w] = 0;
        }
        return this;
    }

    public RuleScratch clear() {
        for (int w = 0; w < words.length; w++) {
            words[w] = 0;
        }
        return this;
    }

    public RuleScratch and(RuleSet set) {
        long[] other = set.words;
        for (int w = 0; w < words.length; w++) {
            words[w] &= w < other.length ? other[w] : 0;
        }
        return this;
    }

    public RuleScratch or(RuleSet set) {
        long[] other = set.words;
        int n = Math.min(other.length, words.length);
        for (int w = 0; w < n; w++) {
            words[w] |= other[w];
        }
        return this;
    }

    public RuleScratch andNot(RuleSet set) {
        long[] other = set.words;
        int n = Math.min(other.length, words.length);
        for (int w = 0; w < n; w++) {
            words[w] &= ~other[w];
        }
        return this;
    }

    public boolean contains(int rule) {
        return rule >= 0 && rule < capacity && (words[rule >>> 6] & (1L << rule)) != 0;
    }

    public boolean isEmpty() {
        for (long w : words) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    /** The lowest rule at or after {@code from}, or -1: {@code for (r = s.next(0); r >= 0; r = s.next(r + 1))}. */
    public int next(int from) {
        return next(words, from);
    }

    /** An immutable copy (for the control plane and traces, not the verdict path). */
    public RuleSet toRuleSet() {
        return RuleSet.ofWords(capacity, words);
    }

    static int next(long[] words, int from) {
        if (from < 0) {
            from = 0;
        }
        int w = from >>> 6;
        if (w >= words.length) {
            return -1;
        }
        long bits = words[w] & (-1L << from);
        while (true) {
            if (bits != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(bits);
            }
            if (++w == words.length) {
                return -1;
            }
            bits = words[w];
        }
    }
}
