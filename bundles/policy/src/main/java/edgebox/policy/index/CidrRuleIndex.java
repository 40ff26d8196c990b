package edgebox.policy.index;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Address -> the set of rules one of whose {@link CidrTerm}s holds it (inside the block, outside its exceptions).
 * Every block and exception becomes a prefix of a {@link PrefixTrie} whose value is the rule set of all terms that
 * hold that prefix; the longest prefix holding an address carries exactly the answer, so a lookup is one trie
 * walk and allocates nothing. Equal rule sets are shared.
 */
public final class CidrRuleIndex {

    private final PrefixTrie<RuleSet> trie;
    private final RuleSet none;
    private final SortedMap<Prefix, RuleSet> v4;
    private final SortedMap<Prefix, RuleSet> v6;

    private CidrRuleIndex(TreeMap<Prefix, RuleSet> v4, TreeMap<Prefix, RuleSet> v6, RuleSet none) {
        this.trie = new PrefixTrie<>(v4, v6);
        this.none = none;
        this.v4 = Collections.unmodifiableSortedMap(v4);
        this.v6 = Collections.unmodifiableSortedMap(v6);
    }

    /** The index of {@code terms}, whose rules are numbered below {@code ruleCount}. */
    public static CidrRuleIndex build(int ruleCount, List<CidrTerm> terms) {
        for (int t = 0; t < terms.size(); t++) {
            if (terms.get(t).rule() >= ruleCount) {
                throw new IllegalArgumentException("term " + t + ": rule " + terms.get(t).rule() + " outside 0 to "
                        + (ruleCount - 1));
            }
        }
        Map<RuleSet, RuleSet> shared = new HashMap<>();
        RuleSet none = RuleSet.of(ruleCount);
        shared.put(none, none);
        return new CidrRuleIndex(family(ruleCount, terms, true, shared), family(ruleCount, terms, false, shared),
                none);
    }

    /** The rules whose blocks hold the IPv4 address {@code address} (big-endian int); never null. */
    public RuleSet matching4(int address) {
        RuleSet r = trie.longest4(address);
        return r == null ? none : r;
    }

    /** The rules whose blocks hold the IPv6 address {@code high:low}; never null. */
    public RuleSet matching6(long high, long low) {
        RuleSet r = trie.longest6(high, low);
        return r == null ? none : r;
    }

    /** For the control plane and traces (allocates). */
    public RuleSet matching(InetAddress address) {
        RuleSet r = trie.longest(address);
        return r == null ? none : r;
    }

    /** The rules of an address no block holds. */
    RuleSet none() {
        return none;
    }

    /** A family's blocks and exceptions, sorted, each with the rules of the addresses it holds past its sub-blocks. */
    SortedMap<Prefix, RuleSet> family(boolean ipv4) {
        return ipv4 ? v4 : v6;
    }

    public int prefixes() {
        return trie.size();
    }

    /**
     * Walks the family's prefixes in order (a prefix before those it contains) keeping the terms that hold the
     * current one: a block makes its term live, an exception ends it, leaving a contained range undoes both.
     */
    private static TreeMap<Prefix, RuleSet> family(int ruleCount, List<CidrTerm> terms, boolean ipv4,
            Map<RuleSet, RuleSet> shared) {
        TreeMap<Prefix, List<Integer>> events = new TreeMap<>();
        for (int t = 0; t < terms.size(); t++) {
            CidrTerm term = terms.get(t);
            if (term.cidr().ipv4() == ipv4) {
                events.computeIfAbsent(Prefix.of(term.cidr()), k -> new ArrayList<>()).add(t);
                for (var e : term.except()) {
                    events.computeIfAbsent(Prefix.of(e), k -> new ArrayList<>()).add(~t);
                }
            }
        }
        TermStates states = new TermStates(terms, ruleCount);
        ArrayDeque<Prefix> open = new ArrayDeque<>();
        ArrayDeque<Integer> undoMarks = new ArrayDeque<>();
        TreeMap<Prefix, RuleSet> out = new TreeMap<>();
        for (var entry : events.entrySet()) {
            Prefix p = entry.getKey();
            while (!open.isEmpty() && !open.peek().contains(p)) {
                open.pop();
                states.undoTo(undoMarks.pop());
            }
            open.push(p);
            undoMarks.push(states.mark());
            List<Integer> here = entry.getValue();
            here.sort(null);
            for (int i = here.size() - 1; i >= 0; i--) {
                states.apply(here.get(i));
            }
            out.put(p, shared.computeIfAbsent(RuleSet.ofWords(ruleCount, states.words), k -> k));
        }
        return out;
    }

    /**
     * Per term: not met, live (inside its block) or excepted; per rule, how many of its terms are live, mirrored in
     * a bitset. Every change is logged so that leaving a prefix can undo it.
     */
    private static final class TermStates {
        static final byte LIVE = 1;
        static final byte EXCEPTED = 2;

        final List<CidrTerm> terms;
        final byte[] state;
        final int[] liveTerms;
        final long[] words;
        final List<long[]> log = new ArrayList<>();

        TermStates(List<CidrTerm> terms, int ruleCount) {
            this.terms = terms;
            this.state = new byte[terms.size()];
            this.liveTerms = new int[ruleCount];
            this.words = new long[RuleSet.wordCount(ruleCount)];
        }

        /** {@code t} enters its block; {@code ~t} enters one of its exceptions (events sort blocks last, so
         * applying them in reverse puts blocks first when a block and an exception are the same prefix). */
        void apply(int event) {
            int t = event >= 0 ? event : ~event;
            if (event >= 0 && state[t] == 0) {
                set(t, LIVE);
            } else if (event < 0 && state[t] == LIVE) {
                set(t, EXCEPTED);
            }
        }

        int mark() {
            return log.size();
        }

        void undoTo(int mark) {
            while (log.size() > mark) {
                long[] change = log.removeLast();
                setQuietly((int) change[0], (byte) change[1]);
            }
        }

        private void set(int t, byte next) {
            log.add(new long[] {t, state[t]});
            setQuietly(t, next);
        }

        private void setQuietly(int t, byte next) {
            int rule = terms.get(t).rule();
            int delta = (next == LIVE ? 1 : 0) - (state[t] == LIVE ? 1 : 0);
            state[t] = next;
            liveTerms[rule] += delta;
            if (liveTerms[rule] > 0) {
                words[rule >>> 6] |= 1L << rule;
            } else {
                words[rule >>> 6] &= ~(1L << rule);
            }
        }
    }
}
