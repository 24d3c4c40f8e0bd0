package org.genzoo.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.genzoo.Zoo;
import org.genzoo.core.Leaf;
import org.genzoo.core.Settings;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import org.genzoo.eval.Estimator;
import org.genzoo.eval.Estimators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code genzoo list}: every model, grouped by leaf of the taxonomy, with its capabilities; and
 * {@code genzoo list MODEL}: that model's settings and training settings, with their defaults
 * and meanings (read from the {@link org.genzoo.core.Setting} annotations of its config records).
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List every model, grouped by its leaf of the taxonomy, with what it can do.",
                "With MODEL: its settings and the training settings, with their defaults and what they mean."})
final class ListCommand implements Callable<Integer> {
    /** Meanings wrap at this width. */
    private static final int WIDTH = 100;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL",
            description = "Show this model's settings (e.g. vae).")
    String model;

    @Option(names = "--data", paramLabel = "D",
            description = "With MODEL: the defaults for this data set (default: for ring8 and for mnist side by side; "
                    + "defaults depend on the data's shape).")
    String data;

    @Override
    public Integer call() {
        if (model != null) {
            System.out.print(describe(Zoo.get(model), columns()));
            return 0;
        }
        for (Leaf leaf : Leaf.values()) {
            System.out.println(leaf.path() + "   [log-likelihood: " + leaf.likelihood() + "]");
            boolean any = false;
            for (Zoo.Entry<?> e : Zoo.all()) {
                if (e.leaf() == leaf) {
                    any = true;
                    System.out.printf("  %-10s %s%n  %-10s can: %s%n  %-10s eval: %s%n", e.name(), e.summary(), "",
                            String.join(", ", e.capabilities()), "", String.join(", ", e.estimators()));
                }
            }
            if (!any) {
                System.out.println("  (none yet)");
            }
        }
        System.out.println();
        System.out.println("Estimators of 'genzoo eval' (--metrics takes their names; some also need suitable data):");
        System.out.printf("  %-16s %s%n", Estimators.NLL, "the model's primary likelihood estimator (the first of "
                + "exact, partition-exact, iwae, parzen that applies) and the floor");
        for (Estimator est : Estimators.ALL) {
            System.out.printf("  %-16s %s%s%n", est.name(), est.summary(), est.role() == Estimator.Role.ON_REQUEST
                    ? " (only when named)" : "");
        }
        System.out.println();
        System.out.println("A model's settings, with their defaults and meanings: genzoo list MODEL [--data D]");
        return 0;
    }

    /** The data shapes whose defaults to show, by column title. */
    private Map<String, DataSpec> columns() {
        Map<String, DataSpec> c = new LinkedHashMap<>();
        if (data != null) {
            c.put(data, Datasets.load(data, LoadOptions.defaults().withLimit(1)).spec());
        } else {
            // the shapes these two built-in sets have, without loading them (mnist may not be fetched)
            c.put("ring8", DataSpec.vector(2, DataKind.CONTINUOUS));
            c.put("mnist", new DataSpec(784, new int[] {28, 28}, DataKind.GREY));
        }
        return c;
    }

    /** The text of {@code genzoo list MODEL}: settings as rows of key, one default per column, meaning. */
    static String describe(Zoo.Entry<?> e, Map<String, DataSpec> columns) {
        StringBuilder b = new StringBuilder();
        b.append(e.name()).append(": ").append(e.summary()).append('\n');
        b.append("  leaf: ").append(e.leaf().path()).append("; can: ").append(String.join(", ", e.capabilities()))
                .append("\n  eval: ").append(String.join(", ", e.estimators())).append("\n\n");
        String cols = String.join(" | ", columns.keySet());
        b.append("Model settings (change with --set KEY=VALUE), defaults for ").append(cols).append(":\n");
        table(b, columns, e::settings);
        b.append("\nTraining settings (--set KEY=VALUE, or the flag shown), defaults for ").append(cols).append(":\n");
        table(b, columns, e::trainingSettings);
        return b.toString();
    }

    private static void table(StringBuilder b, Map<String, DataSpec> columns,
            Function<DataSpec, List<Settings.Described>> settings) {
        List<List<Settings.Described>> perColumn = new ArrayList<>();
        for (DataSpec spec : columns.values()) {
            perColumn.add(settings.apply(spec));
        }
        List<Settings.Described> first = perColumn.get(0);
        List<String> header = new ArrayList<>(List.of("KEY"));
        header.addAll(columns.keySet());
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            List<String> row = new ArrayList<>(List.of(first.get(i).key()));
            for (List<Settings.Described> col : perColumn) {
                row.add(col.get(i).value());
            }
            rows.add(row);
        }
        int[] w = new int[header.size()];
        for (List<String> r : concat(header, rows)) {
            for (int j = 0; j < r.size(); j++) {
                w[j] = Math.max(w[j], r.get(j).length());
            }
        }
        int indent = 2;
        for (int width : w) {
            indent += width + 2;
        }
        appendRow(b, header, w, "MEANING", indent);
        for (int i = 0; i < rows.size(); i++) {
            appendRow(b, rows.get(i), w, first.get(i).meaning(), indent);
        }
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>(rows);
        all.add(header);
        return all;
    }

    private static void appendRow(StringBuilder b, List<String> cells, int[] w, String meaning, int indent) {
        b.append("  ");
        for (int j = 0; j < cells.size(); j++) {
            b.append(String.format("%-" + w[j] + "s  ", cells.get(j)));
        }
        List<String> lines = wrap(meaning, Math.max(40, WIDTH - indent));
        b.append(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            b.append(" ".repeat(indent)).append(line).append('\n');
        }
    }

    /** Splits {@code text} at spaces into lines of at most {@code width} characters (longer words stay whole). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
