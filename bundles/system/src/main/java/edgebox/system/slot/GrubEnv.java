package edgebox.system.slot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GRUB environment block as GRUB's {@code save_env} and {@code grub-editenv} write it: the line
 * {@code # GRUB Environment Block}, then lines that are comments ({@code #...}) or variables ({@code name=value},
 * a backslash escaping the next character, so a value may hold a newline), then {@code #} up to the block's fixed
 * size (1024 bytes as {@code grub-editenv create} makes it). Immutable: a change returns a new block of the same size,
 * comments and order kept, a new variable after the last line, as GRUB adds one.
 */
public final class GrubEnv {

    static final String SIGNATURE = "# GRUB Environment Block\n";

    /** A comment line (name null, text in value) or a variable; neither holds its newline. */
    private record Line(String name, String value) {
    }

    private final int size;
    private final List<Line> lines;

    private GrubEnv(int size, List<Line> lines) {
        this.size = size;
        this.lines = List.copyOf(lines);
    }

    /** Reads a block; one that GRUB would not have written is refused saying why. */
    public static GrubEnv parse(byte[] block) {
        String text = new String(block, StandardCharsets.ISO_8859_1);
        if (!text.startsWith(SIGNATURE)) {
            throw new IllegalArgumentException("not a GRUB environment block (no \"# GRUB Environment Block\" line)");
        }
        List<Line> lines = new ArrayList<>();
        int p = SIGNATURE.length();
        int end = text.lastIndexOf('\n') + 1;
        while (p < end) {
            if (text.charAt(p) == '#') {
                int nl = text.indexOf('\n', p);
                lines.add(new Line(null, utf8(text.substring(p, nl))));
                p = nl + 1;
                continue;
            }
            int eq = text.indexOf('=', p);
            int nl = text.indexOf('\n', p);
            if (eq < 0 || eq > nl || eq == p) {
                throw new IllegalArgumentException("line \"" + utf8(text.substring(p, nl)) + "\" is neither a "
                        + "comment nor name=value");
            }
            StringBuilder value = new StringBuilder();
            int q = eq + 1;
            while (q < text.length() && text.charAt(q) != '\n') {
                if (text.charAt(q) == '\\' && q + 1 < text.length()) {
                    q++;
                }
                value.append(text.charAt(q++));
            }
            if (q >= text.length()) {
                throw new IllegalArgumentException("variable " + utf8(text.substring(p, eq)) + " has no end of line");
            }
            lines.add(new Line(utf8(text.substring(p, eq)), utf8(value.toString())));
            p = q + 1;
        }
        for (int i = Math.max(end, p); i < text.length(); i++) {
            if (text.charAt(i) != '#') {
                throw new IllegalArgumentException("the padding after the last line holds other bytes than '#'");
            }
        }
        return new GrubEnv(block.length, lines);
    }

    /** The block's size in bytes, which every change keeps. */
    public int size() {
        return size;
    }

    public Optional<String> get(String name) {
        return lines.stream().filter(l -> name.equals(l.name())).map(Line::value).findFirst();
    }

    /** The variables in block order. */
    public Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        lines.stream().filter(l -> l.name() != null).forEach(l -> vars.putIfAbsent(l.name(), l.value()));
        return vars;
    }

    /** This block with {@code name} set to {@code value}: in its place when set, else after the last line. */
    public GrubEnv with(String name, String value) {
        checkName(name);
        List<Line> changed = new ArrayList<>(lines);
        Line line = new Line(name, value);
        for (int i = 0; i < changed.size(); i++) {
            if (name.equals(changed.get(i).name())) {
                changed.set(i, line);
                return new GrubEnv(size, changed);
            }
        }
        changed.add(line);
        return new GrubEnv(size, changed);
    }

    /** The block's bytes: its lines, then '#' up to its size; refused when the lines do not fit. */
    public byte[] toBytes() {
        StringBuilder b = new StringBuilder(SIGNATURE);
        for (Line l : lines) {
            if (l.name() == null) {
                b.append(l.value()).append('\n');
            } else {
                b.append(l.name()).append('=');
                l.value().chars().forEach(c -> {
                    if (c == '\\' || c == '\n') {
                        b.append('\\');
                    }
                    b.append((char) c);
                });
                b.append('\n');
            }
        }
        byte[] used = b.toString().getBytes(StandardCharsets.UTF_8);
        if (used.length > size) {
            throw new IllegalArgumentException("the variables take " + used.length + " bytes, more than the block's "
                    + size);
        }
        byte[] block = Arrays.copyOf(used, size);
        Arrays.fill(block, used.length, size, (byte) '#');
        return block;
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.startsWith("#") || name.chars().anyMatch(c -> c == '=' || c == '\n'
                || c == '\\')) {
            throw new IllegalArgumentException("\"" + name + "\" cannot name a GRUB environment variable");
        }
    }

    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GrubEnv other && size == other.size && lines.equals(other.lines);
    }

    @Override
    public int hashCode() {
        return size * 31 + lines.hashCode();
    }

    @Override
    public String toString() {
        return "GrubEnv" + variables();
    }
}
