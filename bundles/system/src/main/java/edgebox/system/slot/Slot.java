package edgebox.system.slot;

import java.util.Locale;

/** One of the two system slots, A or B, and the GPT partition name that finds it ({@code edgebox-a}). */
public enum Slot {
    A,
    B;

    public String partitionName() {
        return "edgebox-" + name().toLowerCase(Locale.ROOT);
    }

    public Slot other() {
        return this == A ? B : A;
    }

    /** {@code A} or {@code B}; anything else is refused naming {@code where} it was read. */
    public static Slot parse(String value, String where) {
        return switch (value) {
            case "A" -> A;
            case "B" -> B;
            default -> throw new IllegalArgumentException(where + ": \"" + value + "\" is not a slot (A or B)");
        };
    }
}
