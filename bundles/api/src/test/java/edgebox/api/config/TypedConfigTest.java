package edgebox.api.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A configuration type read over a property map as Declarative Services would show it to a component. */
class TypedConfigTest {

    @interface Settings {
        int port() default 53;

        long size() default 10;

        boolean on() default true;

        String[] names() default {};

        String balance_policy() default "round-robin";

        String my__key() default "";

        String dash$_$ed() default "";
    }

    @Test
    void missingKeysTakeTheDefaultsAndGivenOnesAreConverted() {
        Settings s = TypedConfig.of(Settings.class, Map.of("port", "5353", "on", "false", "names", List.of("a", "b")));
        assertEquals(5353, s.port());
        assertEquals(10, s.size());
        assertEquals(false, s.on());
        assertArrayEquals(new String[] {"a", "b"}, s.names());
    }

    @Test
    void methodNamesMapToPropertyNamesAsDeclarativeServicesDoes() {
        Settings s = TypedConfig.of(Settings.class, Map.of("balance.policy", "least-request", "my_key", "x",
                "dash-ed", "y"));
        assertEquals("least-request", s.balance_policy());
        assertEquals("x", s.my__key());
        assertEquals("y", s.dash$_$ed());
        assertEquals("a$b", TypedConfig.key("a$$b"));
        assertEquals("ab", TypedConfig.key("a$b"));
    }

    @Test
    void aValueOfTheWrongTypeNamesItsKey() {
        Settings s = TypedConfig.of(Settings.class, Map.of("port", "many"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::port);
        assertEquals("port: \"many\" is not a whole number", e.getMessage());
    }
}
