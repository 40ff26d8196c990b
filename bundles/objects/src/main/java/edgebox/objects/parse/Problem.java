package edgebox.objects.parse;

/** A field of a manifest object that is wrong: {@code spec.rules[0].matches[1].path.value} and why. */
public record Problem(String field, String reason) {

    @Override
    public String toString() {
        return field.isEmpty() ? reason : field + ": " + reason;
    }
}
