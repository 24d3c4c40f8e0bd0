package org.genzoo.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.genzoo.core.UserError;

/**
 * Reads a CSV file of numbers: one example per row, the same number of comma-separated values
 * on every row. The first line is a header, and skipped, only when none of its fields is a
 * number; blank lines are ignored. Anything else that is not a finite number is an error naming
 * the file and line.
 */
final class CsvReader {
    /** A decimal number, optionally signed and with an exponent. */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvReader() {}

    /** Reads {@code file}; see the class comment for the format. */
    static Table read(Path file) {
        FloatList values = new FloatList();
        int cols = -1;
        int rows = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // byte-order mark written by some spreadsheets
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (rows == 0 && cols < 0 && isHeader(fields)) {
                    cols = fields.length;
                    continue;
                }
                if (cols >= 0 && fields.length != cols) {
                    throw new UserError(file + " line " + lineNo + ": has " + fields.length
                            + " values, expected " + cols + " like the lines before it");
                }
                cols = fields.length;
                for (int c = 0; c < fields.length; c++) {
                    values.add(parse(fields[c], file, lineNo, c));
                }
                rows++;
            }
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file", e);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read CSV: " + e.getMessage(), e);
        }
        if (rows == 0) {
            throw new UserError(file + ": no data rows, expected one example of numbers per line");
        }
        return new Table(values.toArray(), rows, cols);
    }

    private static boolean isHeader(String[] fields) {
        for (String f : fields) {
            if (tryParse(f.trim()) != null) {
                return false;
            }
        }
        return true;
    }

    private static float parse(String field, Path file, int lineNo, int col) {
        String s = field.trim();
        Float v = tryParse(s);
        if (v == null) {
            throw new UserError(file + " line " + lineNo + " column " + (col + 1) + ": '" + s
                    + "' is not a number (expected numbers only, comma-separated)");
        }
        if (!Float.isFinite(v)) {
            throw new UserError(file + " line " + lineNo + " column " + (col + 1) + ": '" + s
                    + "' is not finite (expected finite numbers)");
        }
        return v;
    }

    private static Float tryParse(String s) {
        if (!NUMBER.matcher(s).matches()) {
            return null; // Float.parseFloat alone would also take "1f", "0x1p3" and "NaN"
        }
        try {
            return Float.parseFloat(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A growable float array, to avoid boxing millions of values. */
    static final class FloatList {
        private float[] a = new float[1024];
        private int n;

        void add(float v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
