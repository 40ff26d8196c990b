package edgebox.policy.model;

import java.util.Locale;

/**
 * A header a request must carry: {@code "Name: value"} (that exact value) or {@code "Name"} (any value). The name
 * is held in lower case, as the proxy gives header names.
 */
public record HeaderMatch(String name, boolean anyValue, String value) {

    public HeaderMatch {
        name = name.toLowerCase(Locale.ROOT);
        value = anyValue ? "" : value;
    }
}
