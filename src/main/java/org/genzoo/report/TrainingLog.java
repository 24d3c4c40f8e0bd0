package org.genzoo.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genzoo.core.UserError;

/**
 * A run's {@code log.csv} read back for drawing: each loss part against the epoch, and the
 * validation score at each epoch end.
 *
 * <p>The file is the one {@link org.genzoo.core.CsvLog} writes: a header {@code
 * epoch,step,examples_per_s,valid,<loss parts>}, one row per logged step (examples_per_s set,
 * valid empty) and one per epoch end (examples_per_s empty, valid set unless the model has no
 * validation score). A step's x position is its epoch made fractional: step s of epoch e, which
 * ran from step a to step b, sits at {@code e - 1 + (s - a) / (b - a)}; an epoch without an end
 * row (a run still going) uses the length of the epoch before it. The format is our own and
 * tiny, so it is parsed here rather than with a CSV library.
 *
 * @param epochs x position of each logged step
 * @param parts loss part name to its value at each logged step, in the file's column order
 * @param validEpochs the epochs that end with a validation score
 * @param valid the validation score at each of those epochs
 */
public record TrainingLog(double[] epochs, Map<String, double[]> parts, double[] validEpochs, double[] valid) {
    /** Name of the validation series in {@link Plots#trainingCurves}. */
    public static final String VALID_SERIES = "validation score (epoch end)";

    private static final List<String> FIXED = List.of("epoch", "step", "examples_per_s", "valid");

    /**
     * Reads a log file.
     *
     * @throws UserError naming the file and line if it is not a genzoo training log
     */
    public static TrainingLog read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(csv + ": cannot read the training log: " + e.getMessage(), e);
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return new TrainingLog(new double[0], Map.of(), new double[0], new double[0]);
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        if (header.size() < FIXED.size() || !header.subList(0, FIXED.size()).equals(FIXED)) {
            throw new UserError(csv + ": line 1: expected a header starting with " + String.join(",", FIXED)
                    + ", got '" + lines.get(0) + "'");
        }
        List<String> partNames = header.subList(FIXED.size(), header.size());
        List<long[]> steps = new ArrayList<>(); // {epoch, step}
        List<double[]> values = new ArrayList<>();
        Map<Integer, Long> epochEnd = new LinkedHashMap<>();
        List<Double> validX = new ArrayList<>();
        List<Double> validY = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != header.size()) {
                throw new UserError(csv + ": line " + (i + 1) + ": expected " + header.size() + " fields, got "
                        + f.length);
            }
            try {
                int epoch = Integer.parseInt(f[0]);
                long step = Long.parseLong(f[1]);
                if (f[2].isEmpty()) { // an epoch end
                    epochEnd.put(epoch, step);
                    if (!f[3].isEmpty()) {
                        validX.add((double) epoch);
                        validY.add(Double.parseDouble(f[3]));
                    }
                } else {
                    double[] v = new double[partNames.size()];
                    for (int j = 0; j < v.length; j++) {
                        String s = f[FIXED.size() + j];
                        v[j] = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
                    }
                    steps.add(new long[] {epoch, step});
                    values.add(v);
                }
            } catch (NumberFormatException e) {
                throw new UserError(csv + ": line " + (i + 1) + ": not a number: " + e.getMessage(), e);
            }
        }
        double[] x = new double[steps.size()];
        for (int i = 0; i < x.length; i++) {
            int epoch = (int) steps.get(i)[0];
            long start = epochEnd.getOrDefault(epoch - 1, 0L);
            Long end = epochEnd.get(epoch);
            long length = end != null ? end - start
                    : epochEnd.containsKey(epoch - 1) ? start - epochEnd.getOrDefault(epoch - 2, 0L) : 0;
            double within = length > 0 ? Math.min(1.0, (steps.get(i)[1] - start) / (double) length) : 1.0;
            x[i] = epoch - 1 + within;
        }
        Map<String, double[]> parts = new LinkedHashMap<>();
        for (int j = 0; j < partNames.size(); j++) {
            double[] ys = new double[values.size()];
            for (int i = 0; i < ys.length; i++) {
                ys[i] = values.get(i)[j];
            }
            parts.put(partNames.get(j), ys);
        }
        return new TrainingLog(x, parts, validX.stream().mapToDouble(Double::doubleValue).toArray(),
                validY.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Override
    public String toString() {
        return "TrainingLog[" + epochs.length + " steps, parts " + parts.keySet() + ", " + valid.length
                + " validation scores]";
    }
}
