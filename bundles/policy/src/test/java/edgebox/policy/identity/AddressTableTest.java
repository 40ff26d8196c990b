package edgebox.policy.identity;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTableTest {

    static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] random(Random r, int length) {
        byte[] b = new byte[length];
        r.nextBytes(b);
        if (length == 16) {
            b[0] = (byte) 0xfd;
        }
        return b;
    }

    /** Every held address answers its own identity, every other address none, against a HashMap of the same. */
    @ParameterizedTest(name = "{0} addresses of each family")
    @ValueSource(ints = {0, 1, 2, 3, 7, 64, 1000, 5000})
    void answersAsAHashMapDoes(int size) {
        Random r = new Random(size);
        Map<InetAddress, Identity> entries = new HashMap<>();
        for (int i = 0; i < size; i++) {
            Identity identity = new Identity(Identity.FIRST_ALLOCATED + i % 17, "", Map.of("n", "" + i % 17));
            entries.put(address(random(r, 4)), identity);
            entries.put(address(random(r, 16)), identity);
        }
        AddressTable table = new AddressTable(entries);
        entries.forEach((address, identity) -> {
            byte[] b = address.getAddress();
            assertSame(identity, b.length == 4 ? table.get(AddressTable.ipv4(b))
                    : table.get(AddressTable.high(b), AddressTable.low(b)), address.toString());
        });
        for (int i = 0; i < 2000; i++) {
            byte[] v4 = random(r, 4);
            byte[] v6 = random(r, 16);
            assertSame(entries.get(address(v4)), table.get(AddressTable.ipv4(v4)));
            assertSame(entries.get(address(v6)), table.get(AddressTable.high(v6), AddressTable.low(v6)));
        }
    }

    @Test
    void theAllZeroAddressesAreKeysLikeAnyOther() {
        AddressTable table = new AddressTable(Map.of(address(new byte[4]), Identity.HOST,
                address(new byte[16]), Identity.HOST));
        assertSame(Identity.HOST, table.get(0));
        assertSame(Identity.HOST, table.get(0L, 0L));
        assertNull(table.get(1));
        assertNull(table.get(0L, 1L));
    }
}
