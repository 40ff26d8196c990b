package edgebox.policy.index;

import java.util.Arrays;

/**
 * An immutable set of rule numbers {@code 0 .. capacity-1}: one bit per rule in fixed {@code long} words, and a
 * summary with one bit per non-zero word, so that intersecting sets skips the empty stretches of thousands of rules.
 * Built once by the compiler; the verdict path only reads it ({@link #firstCommon}, {@link RuleScratch}).
 */
public final class RuleSet {

    final long[] words;
    final long[] summary;
    private final int capacity;

    private RuleSet(int capacity, long[] words) {
        this.capacity = capacity;
        this.words = words;
        this.summary = new long[(words.length + 63) >>> 6];
        for (int w = 0; w < words.length; w++) {
            if (words[w] != 0) {
                summary[w >>> 6] |= 1L << w;
            }
        }
    }

    /** The set of {@code rules}, each in {@code 0 .. capacity-1}. */
    public static RuleSet of(int capacity, int... rules) {
        long[] words = new long[wordCount(capacity)];
        for (int rule : rules) {
            if (rule < 0 || rule >= capacity) {
                throw new IllegalArgumentException("rule " + rule + ": outside 0 to " + (capacity - 1));
            }
            words[rule >>> 6] |= 1L << rule;
        }
        return new RuleSet(capacity, words);
    }

    /** The set whose bits are {@code words} (copied); bits past {@code capacity} must be clear. */
    static RuleSet ofWords(int capacity, long[] words) {
        if (words.length != wordCount(capacity)) {
            throw new IllegalArgumentException(words.length + " words for " + capacity + " rules");
        }
        int tail = capacity & 63;
        if (tail != 0 && (words[words.length - 1] & (-1L << tail)) != 0) {
            throw new IllegalArgumentException("a rule past " + (capacity - 1) + " is set");
        }
        return new RuleSet(capacity, words.clone());
    }

    static int wordCount(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity " + capacity + ": must not be negative");
        }
        return (capacity + 63) >>> 6;
    }

    public int capacity() {
        return capacity;
    }

    public boolean contains(int rule) {
        return rule >= 0 && rule < capacity && (words[rule >>> 6] & (1L << rule)) != 0;
    }

    public boolean isEmpty() {
        for (long s : summary) {
            if (s != 0) {
                return false;
            }
        }
        return true;
    }

    public int size() {
        int n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** The lowest rule at or after {@code from}, or -1. */
    public int next(int from) {
        return RuleScratch.next(words, from);
    }

    /**
     * The lowest rule in all three sets, or -1: the verdict's one pass. Compiled rules number deny rules before
     * allow rules, so the answer is also the rule that decides. Allocates nothing; costs one step per 4,096 rules
     * plus one per word where all three summaries meet.
     */
    public static int firstCommon(RuleSet a, RuleSet b, RuleSet c) {
        long[] sa = a.summary;
        long[] sb = b.summary;
        long[] sc = c.summary;
        int n = Math.min(sa.length, Math.min(sb.length, sc.length));
        for (int s = 0; s < n; s++) {
            long meet = sa[s] & sb[s] & sc[s];
            while (meet != 0) {
                int w = (s << 6) + Long.numberOfTrailingZeros(meet);
                long bits = a.words[w] & b.words[w] & c.words[w];
                if (bits != 0) {
                    return (w << 6) + Long.numberOfTrailingZeros(bits);
                }
                meet &= meet - 1;
            }
        }
        return -1;
    }

    /**
     * The lowest rule in both sets, or -1: {@link #firstCommon(RuleSet, RuleSet, RuleSet)} when the third set would
     * hold every rule (a verdict over one destination's own rules). Allocates nothing.
     */
    public static int firstCommon(RuleSet a, RuleSet b) {
        long[] sa = a.summary;
        long[] sb = b.summary;
        int n = Math.min(sa.length, sb.length);
        for (int s = 0; s < n; s++) {
            long meet = sa[s] & sb[s];
            while (meet != 0) {
                int w = (s << 6) + Long.numberOfTrailingZeros(meet);
                long bits = a.words[w] & b.words[w];
                if (bits != 0) {
                    return (w << 6) + Long.numberOfTrailingZeros(bits);
                }
                meet &= meet - 1;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleSet r && r.capacity == capacity && Arrays.equals(r.words, words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words) * 31 + capacity;
    }

    /** {@code [0, 3, 17]}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("[");
        for (int r = next(0); r >= 0; r = next(r + 1)) {
            out.append(out.length() > 1 ? ", " : "").append(r);
        }
        return out.append(']').toString();
    }
}
