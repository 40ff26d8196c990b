package edgebox.policy.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import edgebox.api.net.Cidr;

/**
 * A fromCIDRSet entry: a block, or the name of a CiliumCIDRGroup ({@code cidrGroupRef}) whose externalCIDRs stand
 * for it, less the {@code except} blocks (each inside {@code cidr} when a block is given).
 */
public record CidrSet(Optional<Cidr> cidr, String cidrGroupRef, List<Cidr> except) {

    public CidrSet {
        Objects.requireNonNull(cidr, "cidr");
        Objects.requireNonNull(cidrGroupRef, "cidrGroupRef");
        if (cidr.isPresent() == !cidrGroupRef.isEmpty()) {
            throw new IllegalArgumentException("exactly one of cidr and cidrGroupRef");
        }
        except = List.copyOf(except);
    }

    public static CidrSet of(Cidr cidr, List<Cidr> except) {
        return new CidrSet(Optional.of(cidr), "", except);
    }

    public static CidrSet group(String name, List<Cidr> except) {
        return new CidrSet(Optional.empty(), name, except);
    }
}
