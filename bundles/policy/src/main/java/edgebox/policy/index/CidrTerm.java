package edgebox.policy.index;

import java.util.List;
import java.util.Objects;

import edgebox.api.net.Cidr;

/**
 * One address block of rule {@code rule} less its exceptions: Cilium's {@code fromCIDR} (no exceptions),
 * {@code fromCIDRSet} with {@code except}, NetworkPolicy's {@code ipBlock}. Each exception lies inside the block
 * and in its family.
 */
public record CidrTerm(int rule, Cidr cidr, List<Cidr> except) {

    public CidrTerm {
        Objects.requireNonNull(cidr, "cidr");
        except = List.copyOf(except);
        if (rule < 0) {
            throw new IllegalArgumentException("rule " + rule + ": must not be negative");
        }
        for (Cidr e : except) {
            if (e.ipv4() != cidr.ipv4() || e.prefix() < cidr.prefix() || !cidr.contains(e.base())) {
                throw new IllegalArgumentException("except " + e + ": not inside " + cidr);
            }
        }
    }

    public CidrTerm(int rule, Cidr cidr) {
        this(rule, cidr, List.of());
    }
}
