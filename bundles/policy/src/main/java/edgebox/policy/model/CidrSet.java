package edgebox.policy.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import edgebox.api.net.Cidr;

/**
 * A fromCIDRSet entry: a block less its {@code except} blocks (each inside it), or the name of a CiliumCIDRGroup
 * ({@code cidrGroupRef}) whose externalCIDRs stand for it.
 */
public record CidrSet(Optional<Cidr> cidr, String cidrGroupRef, List<Cidr> except) {

    public CidrSet {
        Objects.requireNonNull(cidr, "cidr");
        Objects.requireNonNull(cidrGroupRef, "cidrGroupRef");
        except = List.copyOf(except);
        if (cidr.isPresent() == !cidrGroupRef.isEmpty() || cidr.isEmpty() && !except.isEmpty()) {
            throw new IllegalArgumentException("a cidr with its except blocks, or a cidrGroupRef");
        }
    }

    public static CidrSet of(Cidr cidr, List<Cidr> except) {
        return new CidrSet(Optional.of(cidr), "", except);
    }

    public static CidrSet group(String name) {
        return new CidrSet(Optional.empty(), name, List.of());
    }
}
