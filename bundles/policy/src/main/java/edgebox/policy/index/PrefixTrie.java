package edgebox.policy.index;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

import edgebox.api.net.Cidr;

/**
 * Longest-prefix match from address blocks to values, IPv4 and IPv6 each in its own {@link BinaryTrie}: an IPv4
 * address never matches an IPv6 block (not even {@code ::/0}) nor the reverse. Built once, immutable; the lookups by
 * primitives ({@link #longest4}, {@link #longest6}) allocate nothing. Cost: one node per stored prefix or branch
 * point on the address's path (about log2 of the prefix count for scattered prefixes), at most 33 (IPv4) or 129.
 */
public final class PrefixTrie<V> {

    private final BinaryTrie v4;
    private final BinaryTrie v6;
    private final Object[] values4;
    private final Object[] values6;

    /** Each block of {@code entries} with its value (non-null). */
    public static <V> PrefixTrie<V> of(Map<Cidr, ? extends V> entries) {
        TreeMap<Prefix, V> v4 = new TreeMap<>();
        TreeMap<Prefix, V> v6 = new TreeMap<>();
        entries.forEach((cidr, value) -> {
            if (value == null) {
                throw new IllegalArgumentException(cidr + ": no value");
            }
            (cidr.ipv4() ? v4 : v6).put(Prefix.of(cidr), value);
        });
        return new PrefixTrie<>(v4, v6);
    }

    /** Prefixes in their sorted order, per family. */
    PrefixTrie(TreeMap<Prefix, ? extends V> v4, TreeMap<Prefix, ? extends V> v6) {
        this.v4 = new BinaryTrie(new ArrayList<>(v4.keySet()), 32);
        this.v6 = new BinaryTrie(new ArrayList<>(v6.keySet()), 128);
        this.values4 = v4.values().toArray();
        this.values6 = v6.values().toArray();
    }

    /** The value of the longest block holding the IPv4 address {@code address} (big-endian), or null. */
    @SuppressWarnings("unchecked")
    public V longest4(int address) {
        int i = v4.longest(Prefix.high4(address), 0);
        return i < 0 ? null : (V) values4[i];
    }

    /** The value of the longest block holding the IPv6 address {@code high:low}, or null. */
    @SuppressWarnings("unchecked")
    public V longest6(long high, long low) {
        int i = v6.longest(high, low);
        return i < 0 ? null : (V) values6[i];
    }

    /** Convenience for the control plane and traces (reads the address's bytes, so it allocates). */
    public V longest(InetAddress address) {
        Prefix p = Prefix.of(new Cidr(address, address.getAddress().length * 8));
        return address instanceof Inet4Address ? longest4((int) (p.high() >>> 32)) : longest6(p.high(), p.low());
    }

    /** How many blocks it holds. */
    public int size() {
        return values4.length + values6.length;
    }

    /** How many trie nodes both families use (blocks plus branch points). */
    public int nodes() {
        return v4.size() + v6.size();
    }
}
