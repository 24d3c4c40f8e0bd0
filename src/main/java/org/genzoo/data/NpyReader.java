package org.genzoo.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.genzoo.core.UserError;

/**
 * Reads a NumPy {@code .npy} file (format versions 1, 2 and 3): a 1-D array (one value per
 * example) or a 2-D array (one example per row) of float32, float64, uint8, int32 or int64, in C
 * order, either byte order. Everything else (Fortran order, other types, 0-D or 3-D and more,
 * object arrays, non-finite values) is a {@link UserError} naming the file.
 *
 * <p>Format: {@code \x93NUMPY}, major and minor version bytes, a little-endian header length
 * (2 bytes in version 1, 4 after), a Python dict literal with {@code descr},
 * {@code fortran_order} and {@code shape}, then the raw data.
 */
final class NpyReader {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {}

    /** Reads {@code file}; see the class comment for what is accepted. */
    static Table read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file", e);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read .npy: " + e.getMessage(), e);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93
                || !new String(bytes, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            throw new UserError(file + ": not a .npy file (expected the magic bytes \\x93NUMPY)");
        }
        int major = bytes[6];
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = buf.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new UserError(file + ": truncated .npy header");
            }
            headerLen = buf.getInt(8);
            headerStart = 12;
        } else {
            throw new UserError(file + ": .npy format version " + major + " is not supported, expected 1, 2 or 3");
        }
        if (headerLen < 0 || headerStart + (long) headerLen > bytes.length) {
            throw new UserError(file + ": truncated .npy header");
        }
        String header = new String(bytes, headerStart, headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, file, "descr");
        if (group(FORTRAN, header, file, "fortran_order").equals("True")) {
            throw new UserError(file + ": Fortran-order array, expected C order (save with np.ascontiguousarray)");
        }
        long[] shape = parseShape(group(SHAPE, header, file, "shape"), file);
        if (shape.length != 1 && shape.length != 2) {
            throw new UserError(file + ": array has " + shape.length + " dimensions, expected 1 (one value per example) or 2 (one example per row)");
        }
        long rows = shape[0];
        long cols = shape.length == 2 ? shape[1] : 1;
        long count = rows * cols;
        if (rows <= 0 || cols <= 0 || count > Integer.MAX_VALUE - 8) {
            throw new UserError(file + ": shape " + java.util.Arrays.toString(shape) + " is empty or too large");
        }
        Type type = Type.of(descr, file);
        int dataStart = headerStart + headerLen;
        long expected = count * type.size;
        if (bytes.length - dataStart != expected) {
            throw new UserError(file + ": data has " + (bytes.length - dataStart) + " bytes, expected "
                    + expected + " for shape " + java.util.Arrays.toString(shape) + " of " + descr);
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) expected).slice().order(type.order);
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            float v = switch (type.kind) {
                case 'f' -> type.size == 4 ? data.getFloat(i * 4) : (float) data.getDouble(i * 8);
                case 'u' -> data.get(i) & 0xff;
                default -> type.size == 4 ? data.getInt(i * 4) : (float) data.getLong(i * 8);
            };
            if (!Float.isFinite(v)) {
                throw new UserError(file + ": value " + i + " is not finite (" + v + "), expected finite numbers");
            }
            values[i] = v;
        }
        return new Table(values, (int) rows, (int) cols);
    }

    private static String group(Pattern p, String header, Path file, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new UserError(file + ": .npy header has no '" + key + "' entry: " + header.trim());
        }
        return m.group(1);
    }

    private static long[] parseShape(String s, Path file) {
        String[] parts = s.split(",");
        java.util.List<Long> dims = new java.util.ArrayList<>();
        for (String p : parts) {
            String t = p.trim();
            if (t.isEmpty()) {
                continue; // the trailing comma of a 1-tuple
            }
            t = t.endsWith("L") ? t.substring(0, t.length() - 1) : t; // Python 2 longs
            try {
                dims.add(Long.parseLong(t));
            } catch (NumberFormatException e) {
                throw new UserError(file + ": cannot read the .npy shape (" + s + ")", e);
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /** A supported element type: kind letter, byte size and byte order. */
    private record Type(char kind, int size, ByteOrder order) {
        static Type of(String descr, Path file) {
            if (descr.length() >= 3) {
                char o = descr.charAt(0);
                char k = descr.charAt(1);
                String size = descr.substring(2);
                ByteOrder order = o == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                boolean orderOk = o == '<' || o == '>' || o == '|' || o == '=';
                if (orderOk) {
                    switch (k + size) {
                        case "f4": return new Type('f', 4, order);
                        case "f8": return new Type('f', 8, order);
                        case "u1": return new Type('u', 1, order);
                        case "i4": return new Type('i', 4, order);
                        case "i8": return new Type('i', 8, order);
                        default: break;
                    }
                }
            }
            throw new UserError(file + ": element type '" + descr
                    + "' is not supported, expected float32, float64, uint8, int32 or int64");
        }
    }
}
