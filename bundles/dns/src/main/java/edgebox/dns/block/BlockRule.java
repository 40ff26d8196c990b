package edgebox.dns.block;

/** One blocking or allowing line of a list: where it came from (list, line) and what it said. */
public record BlockRule(String list, int line, String text, BlockMode mode) {

    @Override
    public String toString() {
        return list + ":" + line + " " + text;
    }
}
