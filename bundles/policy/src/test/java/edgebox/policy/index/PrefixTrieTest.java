package edgebox.policy.index;

import static edgebox.policy.index.Addresses.high;
import static edgebox.policy.index.Addresses.low;
import static edgebox.policy.index.Addresses.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import edgebox.api.net.Cidr;

class PrefixTrieTest {

    static PrefixTrie<String> trie(String... cidrs) {
        Map<Cidr, String> entries = new LinkedHashMap<>();
        for (String c : cidrs) {
            entries.put(Cidr.parse(c), c);
        }
        return PrefixTrie.of(entries);
    }

    @Test
    void theLongestPrefixWins() {
        PrefixTrie<String> t = trie("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.2.3/32", "10.128.0.0/9");
        assertEquals("10.1.2.3/32", t.longest4(v4("10.1.2.3")));
        assertEquals("10.1.2.0/24", t.longest4(v4("10.1.2.4")));
        assertEquals("10.1.0.0/16", t.longest4(v4("10.1.3.0")));
        assertEquals("10.0.0.0/8", t.longest4(v4("10.2.0.0")));
        assertEquals("10.128.0.0/9", t.longest4(v4("10.255.255.255")));
        assertNull(t.longest4(v4("11.0.0.0")));
        assertNull(t.longest4(v4("9.255.255.255")));
        assertEquals(5, t.size());
    }

    @Test
    void theLongestPrefixWinsInIpv6() {
        PrefixTrie<String> t = trie("fd00::/8", "fd00:1::/32", "fd00:1::/64", "fd00:1::1/128", "fd00:1:0:0:8000::/65");
        assertEquals("fd00:1::1/128", t.longest6(high("fd00:1::1"), low("fd00:1::1")));
        assertEquals("fd00:1::/64", t.longest6(high("fd00:1::2"), low("fd00:1::2")));
        assertEquals("fd00:1:0:0:8000::/65", t.longest6(high("fd00:1::8000:0:0:1"), low("fd00:1::8000:0:0:1")));
        assertEquals("fd00:1::/32", t.longest6(high("fd00:1:1::"), low("fd00:1:1::")));
        assertEquals("fd00::/8", t.longest6(high("fdff::"), low("fdff::")));
        assertNull(t.longest6(high("fe80::1"), low("fe80::1")));
    }

    @Test
    void ipv4AndIpv6NeverMix() {
        PrefixTrie<String> t = trie("0.0.0.0/0", "10.0.0.0/8");
        assertNull(t.longest6(high("::"), low("::")));
        assertNull(t.longest6(high("a00::"), low("a00::")));
        PrefixTrie<String> six = trie("::/0", "a00::/8");
        assertNull(six.longest4(v4("10.0.0.1")));
        assertNull(six.longest4(0));
        assertEquals("0.0.0.0/0", trie("0.0.0.0/0", "::/0").longest(InetAddress.getLoopbackAddress()));
    }

    @Test
    void slashZeroMatchesEveryAddressOfItsFamily() {
        PrefixTrie<String> t = trie("0.0.0.0/0", "::/0", "192.168.0.0/16");
        for (String a : new String[] {"0.0.0.0", "255.255.255.255", "127.0.0.1", "192.167.255.255"}) {
            assertEquals("0.0.0.0/0", t.longest4(v4(a)), a);
        }
        assertEquals("192.168.0.0/16", t.longest4(v4("192.168.1.1")));
        assertEquals("::/0", t.longest6(-1L, -1L));
        assertEquals("::/0", t.longest6(0, 1));
    }

    @Test
    void anEmptyTrieMatchesNothing() {
        PrefixTrie<String> t = trie();
        assertNull(t.longest4(v4("10.0.0.1")));
        assertNull(t.longest6(0, 0));
        assertEquals(0, t.size());
        assertEquals(0, t.nodes());
    }

    @Test
    void aLoneHostRouteAndItsNeighbours() {
        PrefixTrie<String> t = trie("255.255.255.255/32", "0.0.0.0/32", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
        assertEquals("255.255.255.255/32", t.longest4(-1));
        assertEquals("0.0.0.0/32", t.longest4(0));
        assertNull(t.longest4(1));
        assertNull(t.longest4(-2));
        assertEquals("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", t.longest6(-1L, -1L));
        assertNull(t.longest6(-1L, -2L));
    }

    @Test
    void randomIpv4PrefixesAgreeWithALinearScan() {
        Random random = new Random(0x7121E);
        for (int round = 0; round < 20; round++) {
            Map<Cidr, String> entries = new LinkedHashMap<>();
            int[] bases = random.ints(4).toArray();
            for (int i = 0; i < 1 + random.nextInt(400); i++) {
                int address = bases[random.nextInt(bases.length)] ^ (random.nextInt() >>> random.nextInt(32));
                Cidr c = new Cidr(Addresses.v4(address), random.nextInt(33));
                entries.put(c, c.toString());
            }
            PrefixTrie<String> t = PrefixTrie.of(entries);
            for (int q = 0; q < 2000; q++) {
                int address = bases[random.nextInt(bases.length)] ^ (random.nextInt() >>> random.nextInt(33));
                assertEquals(scan(entries, Addresses.v4(address)), t.longest4(address), Addresses.v4(address)
                        .toString());
            }
        }
    }

    @Test
    void randomIpv6PrefixesAgreeWithALinearScan() {
        Random random = new Random(0x7121E6);
        for (int round = 0; round < 20; round++) {
            Map<Cidr, String> entries = new LinkedHashMap<>();
            long[] bases = random.longs(3).toArray();
            for (int i = 0; i < 1 + random.nextInt(400); i++) {
                long h = bases[random.nextInt(bases.length)] ^ (random.nextLong() >>> random.nextInt(64));
                long l = random.nextLong() >>> random.nextInt(64);
                Cidr c = new Cidr(Addresses.v6(h, l), random.nextInt(129));
                entries.put(c, c.toString());
            }
            PrefixTrie<String> t = PrefixTrie.of(entries);
            for (int q = 0; q < 2000; q++) {
                long h = bases[random.nextInt(bases.length)] ^ (random.nextLong() >>> random.nextInt(65));
                long l = random.nextLong() >>> random.nextInt(65);
                assertEquals(scan(entries, Addresses.v6(h, l)), t.longest6(h, l));
            }
        }
    }

    static String scan(Map<Cidr, String> entries, InetAddress address) {
        Cidr best = null;
        for (Cidr c : entries.keySet()) {
            if (c.contains(address) && (best == null || c.prefix() > best.prefix())) {
                best = c;
            }
        }
        return best == null ? null : entries.get(best);
    }
}
