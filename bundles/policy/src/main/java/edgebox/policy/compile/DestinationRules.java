package edgebox.policy.compile;

import java.util.List;
import java.util.stream.IntStream;

import edgebox.policy.index.CidrRuleIndex;
import edgebox.policy.index.PortTable;
import edgebox.policy.index.RuleSet;
import edgebox.policy.model.Policy;

/**
 * What may reach one destination identity, compiled from only the rules that select it, so a verdict costs what
 * the destination's own rules cost, however many rules select other destinations. Its rules are numbered locally
 * in the order they decide (denies, audit denies, allows, L7 allows): the first one the source and the port both
 * match decides, one {@link RuleSet#firstCommon(RuleSet, RuleSet)} pass. {@code global} maps a local number to the
 * {@link CompiledRule}'s, {@code verdicts} to the verdict it gives. {@code fallback} is the code when none matches:
 * DENY when a selecting enforcing policy denies by default, AUDIT when only audit-mode ones do, ALLOW when every
 * selecting rule disables default deny. {@code selecting} and {@code defaultDeny}: the policies that select the
 * destination for ingress, and those of them that deny by default, for traces. The port is looked up first: when
 * no rule of the destination names it, the fallback answers without walking the source trie. Measured by
 * VerdictBenchmark on 2 shared cores (load 1.4-1.6), averages over three runs' spread: 3-5 ns with no selecting
 * policy, 37-56 ns at 16 rules per destination (1,000 rules over 64), 88-136 ns at 156 (10,000 over 64), mostly
 * the trie walk and the port search, which grow with the destination's own rules.
 */
record DestinationRules(CidrRuleIndex sources, PortTable ports, int[] global, int[] verdicts, int fallback,
        List<Policy> selecting, List<Policy> defaultDeny) {

    int verdict4(int source, int protocol, int port) {
        RuleSet onPort = ports.matching(protocol, port);
        return onPort.isEmpty() ? Verdicts.of(fallback, -1)
                : decide(RuleSet.firstCommon(sources.matching4(source), onPort));
    }

    int verdict6(long high, long low, int protocol, int port) {
        RuleSet onPort = ports.matching(protocol, port);
        return onPort.isEmpty() ? Verdicts.of(fallback, -1)
                : decide(RuleSet.firstCommon(sources.matching6(high, low), onPort));
    }

    private int decide(int local) {
        if (local < 0) {
            return Verdicts.of(fallback, -1);
        }
        return verdicts[local];
    }

    /** The local numbers of the L7 rules the source and port match, in order (for requests: may allocate). */
    int[] l7Matching(RuleSet source, RuleSet port) {
        return IntStream.range(0, verdicts.length)
                .filter(r -> Verdicts.code(verdicts[r]) == Verdicts.L7 && source.contains(r) && port.contains(r))
                .toArray();
    }
}
