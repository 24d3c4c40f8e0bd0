package org.genzoo.core;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code log.csv}: one row per logged step ({@code epoch,step,examples_per_s,<loss parts>})
 * and one per epoch end ({@code valid} filled). On resume, rows past the checkpoint's step are
 * dropped first, so the log of a resumed run reads like that of one that never stopped.
 */
public final class CsvLog implements TrainListener {
    private final Path file;
    private BufferedWriter out;
    private List<String> columns;

    /** @param file the log file; appended to */
    public CsvLog(Path file) {
        this.file = file;
    }

    @Override
    public void onStart(GenerativeModel model, int epoch, int epochs, int stepsPerEpoch) {
        try {
            if (Files.exists(file)) {
                List<String> keep = new ArrayList<>();
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String l = lines.get(i);
                    if (i == 0) {
                        columns = List.of(l.split(","));
                        keep.add(l);
                    } else if (!l.isBlank() && Integer.parseInt(l.substring(0, l.indexOf(','))) <= epoch) {
                        keep.add(l); // rows of completed epochs: the checkpoint covers them
                    }
                }
                AtomicFiles.writeString(file, keep.isEmpty() ? "" : String.join("\n", keep) + "\n");
                if (keep.isEmpty()) {
                    columns = null;
                }
            }
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            throw new UserError(file + ": cannot prepare the training log: " + e.getMessage(), e);
        }
    }

    @Override
    public void onStep(int epoch, long step, LossParts parts, double examplesPerSecond) {
        Map<String, Double> m = parts.asMap();
        if (columns == null) {
            columns = new ArrayList<>(List.of("epoch", "step", "examples_per_s", "valid"));
            columns.addAll(m.keySet());
            write(String.join(",", columns));
        }
        StringBuilder row = new StringBuilder().append(epoch).append(',').append(step).append(',')
                .append(String.format("%.1f", examplesPerSecond)).append(',');
        for (int i = 4; i < columns.size(); i++) {
            Double v = m.get(columns.get(i));
            row.append(',').append(v == null ? "" : v.toString());
        }
        write(row.toString());
    }

    @Override
    public void onEpochEnd(int epoch, long step, double valid, boolean best) {
        if (columns == null) {
            return;
        }
        StringBuilder row = new StringBuilder().append(epoch).append(',').append(step).append(",,")
                .append(Double.isNaN(valid) ? "" : Double.toString(valid));
        row.append(",".repeat(columns.size() - 4));
        write(row.toString());
    }

    @Override
    public void onEnd() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String line) {
        try {
            out.write(line);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
