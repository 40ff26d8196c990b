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
 * match decides, one {@link RuleSet#firstCommon} pass. {@code global} maps a local number to the
 * {@link CompiledRule}'s, {@code codes} to the code it decides. {@code fallback} is the code when none matches:
 * DENY when a selecting enforcing policy denies by default, AUDIT when only audit-mode ones do, ALLOW when every
 * selecting rule disables default deny. {@code selecting} and {@code defaultDeny}: the policies that select the
 * destination for ingress, and those of them that deny by default, for traces. The port is looked up first: when
 * no rule of the destination names it, the fallback answers without walking the source trie. Measured by
 * VerdictBenchmark (2 shared cores): about 4 ns with no selecting policy, 39 ns on average at 16 rules per
 * destination (1,000 rules over 64), 128 ns at 156 (10,000 over 64), mostly the trie walk and the port search.
 */
record DestinationRules(CidrRuleIndex sources, PortTable ports, RuleSet all, int[] global,
        int[] codes, int fallback, List<Policy> selecting, List<Policy> defaultDeny) {

    int verdict4(int source, int protocol, int port) {
        RuleSet onPort = ports.matching(protocol, port);
        return onPort.isEmpty() ? Verdicts.of(fallback, -1)
                : decide(RuleSet.firstCommon(sources.matching4(source), onPort, all));
    }

    int verdict6(long high, long low, int protocol, int port) {
        RuleSet onPort = ports.matching(protocol, port);
        return onPort.isEmpty() ? Verdicts.of(fallback, -1)
                : decide(RuleSet.firstCommon(sources.matching6(high, low), onPort, all));
    }

    private int decide(int local) {
        if (local < 0) {
            return Verdicts.of(fallback, -1);
        }
        return Verdicts.of(codes[local], global[local]);
    }

    /** The local numbers of the L7 rules the source and port match, in order (for requests: may allocate). */
    int[] l7Matching(RuleSet source, RuleSet port) {
        return IntStream.range(0, codes.length)
                .filter(r -> codes[r] == Verdicts.L7 && source.contains(r) && port.contains(r))
                .toArray();
    }
}
