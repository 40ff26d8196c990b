package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Host field value check (RFC 9110 §7.2, RFC 3986 §3.2.2-3.2.3), case by case. */
class RequestTargetHostTest {

    @ParameterizedTest(name = "[{0}] valid: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "shop.example.com          | true",
        "shop.example.com:8443     | true",
        "SHOP.Example.COM          | true",
        "\"\"                      | true",
        "host:                     | true",
        "[::1]                     | true",
        "[::1]:8080                | true",
        "[2001:db8::7]:443         | true",
        "[::ffff:192.0.2.1]        | true",
        "192.0.2.1:80              | true",
        "caf%C3%A9.example         | true",
        "a%41                      | true",
        "sub_delims!$&'()*+;=      | true",
        "[::1                      | false",
        "[]                        | false",
        "[::1]x                    | false",
        "[::1]:80a                 | false",
        "[v1.fe80]                 | false",
        "[fe80::1%25eth0]          | false",
        "::1                       | false",
        "host:port                 | false",
        "host:80:81                | false",
        "user@host                 | false",
        "a%4                       | false",
        "a%zz                      | false",
        "%                         | false",
        "a.example,b.example       | false",
        "\"a example\"             | false",
        "host/path                 | false",
        "host?q                    | false",
        "host#f                    | false",
        "\"ho\tst\"                | false",
    })
    void hostValues(String value, boolean valid) {
        assertEquals(valid, RequestTarget.validHost(value), value);
    }
}
