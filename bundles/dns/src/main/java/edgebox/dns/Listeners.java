package edgebox.dns;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The DNS listeners of every configured address, one {@link Binding} each: a bind that fails on one address is
 * reported on its own while the others serve.
 */
record Listeners(List<Binding> bindings) {

    Listeners {
        bindings = List.copyOf(bindings);
    }

    List<Binding> bound() {
        return bindings.stream().filter(b -> b.listening() != null).toList();
    }

    List<Binding> refused() {
        return bindings.stream().filter(b -> b.error() != null).toList();
    }

    /** The configured endpoints, {@code 127.0.0.2:53, 127.0.0.3:53}. */
    String endpoints() {
        return bindings.stream().map(Binding::endpoint).collect(Collectors.joining(", "));
    }

    /** Each address where it is bound, or why not, joined by {@code " | "}. */
    String text() {
        return bindings.stream().map(Binding::text).collect(Collectors.joining(" | "));
    }

    void close() {
        for (Binding b : bindings) {
            if (b.server() != null) {
                b.server().close();
            }
        }
    }
}
