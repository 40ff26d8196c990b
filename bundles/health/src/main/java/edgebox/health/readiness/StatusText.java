package edgebox.health.readiness;

import java.util.List;

import edgebox.api.health.Health;

/** The text of {@code edgebox:status}: functions, bundles not active, components not active, then the verdict. */
public final class StatusText {

    private StatusText() {
    }

    public static String format(ReadinessReport report) {
        StringBuilder out = new StringBuilder();
        List<FunctionStatus> functions = report.inputs().functions();
        out.append("functions (").append(functions.size()).append(")\n");
        table(out, List.of("FUNCTION", "STATE", "DETAIL", "LAST ERROR"), functions.stream().map(f -> {
            Health h = f.health();
            return List.of(f.function(), h.status().name(), h.detail(), h.lastError() == null ? "-" : h.lastError());
        }).toList());
        List<BundleStatus> bundles = report.bundlesNotReady();
        out.append("\nbundles not active (").append(bundles.size()).append(")\n");
        table(out, List.of("ID", "BUNDLE", "STATE", "REASON"), bundles.stream()
                .map(b -> List.of(Long.toString(b.id()), b.name() + " " + b.version(), b.state().name(), b.reason()))
                .toList());
        List<ComponentStatus> components = report.componentsNotReady();
        out.append("\ncomponents not active (").append(components.size()).append(")\n");
        table(out, List.of("COMPONENT", "BUNDLE", "STATE", "REASON"), components.stream()
                .map(c -> List.of(c.name(), c.bundle(), c.state().name(), c.detail().isEmpty() ? "-" : c.detail()))
                .toList());
        List<String> missing = report.notReady().stream().filter(l -> l.startsWith("condition ")).toList();
        for (String line : missing) {
            out.append('\n').append(line);
        }
        out.append("\nready: ").append(report.ready() ? "yes" : "no").append('\n');
        return out.toString();
    }

    /** Left-aligned columns, two spaces apart; the last column is not padded. */
    static void table(StringBuilder out, List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (List<String> row : concat(header, rows)) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : concat(header, rows)) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                out.append(cell);
                if (i < row.size() - 1) {
                    out.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            out.append('\n');
        }
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new java.util.ArrayList<>(rows.size() + 1);
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
