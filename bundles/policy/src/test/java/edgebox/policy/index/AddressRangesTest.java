package edgebox.policy.index;

import static edgebox.policy.index.Addresses.high;
import static edgebox.policy.index.Addresses.low;
import static edgebox.policy.index.Addresses.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import edgebox.api.net.Cidr;

class AddressRangesTest {

    static final int OUTSIDE = -7;

    /** The ranges of blocks written {@code "10.0.0.0/8", 1, ...}, in either family. */
    static AddressRanges ranges(int width, Object... blocksAndValues) {
        TreeMap<Prefix, Integer> sorted = new TreeMap<>();
        for (int i = 0; i < blocksAndValues.length; i += 2) {
            sorted.put(Prefix.of(Cidr.parse((String) blocksAndValues[i])), (Integer) blocksAndValues[i + 1]);
        }
        return AddressRanges.of(List.copyOf(sorted.keySet()),
                sorted.values().stream().mapToInt(Integer::intValue).toArray(), width, OUTSIDE);
    }

    @Test
    void theLongestBlockHoldingAnAddressGivesItsValue() {
        AddressRanges r = ranges(32, "10.0.0.0/8", 1, "10.1.0.0/16", 2, "10.1.2.0/24", 3, "10.1.2.128/32", 4);
        assertEquals(OUTSIDE, r.find4(v4("9.255.255.255")));
        assertEquals(1, r.find4(v4("10.0.0.0")));
        assertEquals(1, r.find4(v4("10.0.255.255")));
        assertEquals(2, r.find4(v4("10.1.0.0")));
        assertEquals(3, r.find4(v4("10.1.2.127")));
        assertEquals(4, r.find4(v4("10.1.2.128")));
        assertEquals(3, r.find4(v4("10.1.2.129")));
        assertEquals(2, r.find4(v4("10.1.3.0")));
        assertEquals(1, r.find4(v4("10.2.0.0")));
        assertEquals(OUTSIDE, r.find4(v4("11.0.0.0")));
        assertEquals(OUTSIDE, r.find4(v4("255.255.255.255")));
    }

    @Test
    void theFirstAndLastAddressesAreRangesOfTheirOwn() {
        AddressRanges r = ranges(32, "0.0.0.0/32", 1, "255.255.255.255/32", 2, "128.0.0.0/1", 3);
        assertEquals(1, r.find4(v4("0.0.0.0")));
        assertEquals(OUTSIDE, r.find4(v4("0.0.0.1")));
        assertEquals(OUTSIDE, r.find4(v4("127.255.255.255")));
        assertEquals(3, r.find4(v4("128.0.0.0")));
        assertEquals(3, r.find4(v4("255.255.255.254")));
        assertEquals(2, r.find4(v4("255.255.255.255")));
        assertEquals(4, r.size(), "0.0.0.0, up to 127.255.255.255, up to 255.255.255.254, 255.255.255.255");
    }

    @Test
    void neighboursWithTheSameValueAreOneRange() {
        AddressRanges r = ranges(32, "10.0.0.0/8", 1, "10.0.0.0/9", 1, "10.128.0.0/9", 1, "11.0.0.0/8", 1,
                "0.0.0.0/0", OUTSIDE);
        assertEquals(3, r.size());
        assertEquals(1, r.find4(v4("11.255.255.255")));
        assertEquals(OUTSIDE, r.find4(v4("12.0.0.0")));
        assertEquals(1, ranges(32, "0.0.0.0/0", 9).size());
        assertEquals(1, ranges(32).size());
        assertEquals(OUTSIDE, ranges(32).find4(v4("1.2.3.4")));
    }

    @Test
    void addressesBelowAndAboveTheBlocksTheRangesLieInAreFound() {
        AddressRanges r = ranges(32, "10.1.2.0/24", 1, "10.1.2.64/26", 2, "10.1.200.0/21", 3, "10.1.255.255/32", 4);
        assertEquals(OUTSIDE, r.find4(v4("0.0.0.0")));
        assertEquals(OUTSIDE, r.find4(v4("10.1.1.255")));
        assertEquals(1, r.find4(v4("10.1.2.0")));
        assertEquals(2, r.find4(v4("10.1.2.100")));
        assertEquals(1, r.find4(v4("10.1.2.128")));
        assertEquals(3, r.find4(v4("10.1.207.255")));
        assertEquals(OUTSIDE, r.find4(v4("10.1.208.0")));
        assertEquals(4, r.find4(v4("10.1.255.255")));
        assertEquals(OUTSIDE, r.find4(v4("10.2.0.0")));
        assertEquals(OUTSIDE, r.find4(v4("255.255.255.255")));
        AddressRanges one = ranges(32, "192.168.1.1/32", 5);
        assertEquals(OUTSIDE, one.find4(v4("192.168.1.0")));
        assertEquals(5, one.find4(v4("192.168.1.1")));
        assertEquals(OUTSIDE, one.find4(v4("192.168.1.2")));
    }

    @Test
    void aBucketHoldingMoreThan254RangesIsSearchedToTheEnd() {
        Object[] blocks = new Object[2 * 302];
        for (int i = 0; i < 300; i++) {
            blocks[2 * i] = "10.0." + i / 128 + "." + 2 * (i % 128) + "/32";
            blocks[2 * i + 1] = i;
        }
        blocks[600] = "10.255.255.255/32";
        blocks[601] = 300;
        blocks[602] = "10.0.0.0/8";
        blocks[603] = 301;
        AddressRanges r = ranges(32, blocks);
        assertEquals(2 * 300 + 3, r.size());
        for (int i = 0; i < 300; i++) {
            int at = v4("10.0." + i / 128 + "." + 2 * (i % 128));
            assertEquals(i, r.find4(at));
            assertEquals(301, r.find4(at + 1));
        }
        assertEquals(300, r.find4(v4("10.255.255.255")));
        assertEquals(OUTSIDE, r.find4(v4("11.0.0.0")));
    }

    @Test
    void ipv6BlocksNestAsIpv4OnesDo() {
        AddressRanges r = ranges(128, "fd00::/8", 1, "fd00:1::/32", 2, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128",
                3, "::/128", 4);
        assertEquals(4, r.find6(high("::"), low("::")));
        assertEquals(OUTSIDE, r.find6(high("::1"), low("::1")));
        assertEquals(1, r.find6(high("fd00::1"), low("fd00::1")));
        assertEquals(2, r.find6(high("fd00:1:ffff::"), low("fd00:1:ffff::")));
        assertEquals(1, r.find6(high("fd00:2::"), low("fd00:2::")));
        assertEquals(OUTSIDE, r.find6(high("fe00::"), low("fe00::")));
        String last = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
        assertEquals(3, r.find6(high(last), low(last)));
        String before = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe";
        assertEquals(OUTSIDE, r.find6(high(before), low(before)));
    }

    @Test
    void randomBlocksAgreeWithThePrefixTrie() {
        Random random = new Random(0xA11);
        for (int round = 0; round < 60; round++) {
            int shared = round % 2 == 0 ? 0 : random.nextInt() & -1 << 8 + random.nextInt(16);
            int[] bases = random.ints(4).map(b -> shared == 0 ? b : shared | b >>> 16).toArray();
            Map<Cidr, Integer> v4 = new LinkedHashMap<>();
            Map<Cidr, Integer> v6 = new LinkedHashMap<>();
            for (int i = 0; i < 1 + random.nextInt(300); i++) {
                Cidr block = CidrRuleIndexTest.block(random, bases, 0);
                v4.put(block, random.nextInt(5));
                long h = (long) bases[random.nextInt(4)] << 32 ^ (random.nextLong() >>> random.nextInt(64));
                v6.put(new Cidr(Addresses.v6(h, random.nextLong()), random.nextInt(129)), random.nextInt(5));
            }
            PrefixTrie<Integer> trie = PrefixTrie.of(v4);
            PrefixTrie<Integer> trie6 = PrefixTrie.of(v6);
            AddressRanges ranges = of(v4, 32);
            AddressRanges ranges6 = of(v6, 128);
            for (int q = 0; q < 3000; q++) {
                int address = bases[random.nextInt(bases.length)] ^ (random.nextInt() >>> random.nextInt(33));
                Integer expected = trie.longest4(address);
                assertEquals(expected == null ? OUTSIDE : expected, ranges.find4(address));
                long h = (long) bases[random.nextInt(4)] << 32 ^ (random.nextLong() >>> random.nextInt(65));
                long l = random.nextLong() >>> random.nextInt(65);
                Integer expected6 = trie6.longest6(h, l);
                assertEquals(expected6 == null ? OUTSIDE : expected6, ranges6.find6(h, l));
            }
        }
    }

    private static AddressRanges of(Map<Cidr, Integer> blocks, int width) {
        TreeMap<Prefix, Integer> sorted = new TreeMap<>();
        blocks.forEach((c, v) -> sorted.put(Prefix.of(c), v));
        return AddressRanges.of(List.copyOf(sorted.keySet()),
                sorted.values().stream().mapToInt(Integer::intValue).toArray(), width, OUTSIDE);
    }
}
