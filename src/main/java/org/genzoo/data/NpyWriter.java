package org.genzoo.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.genzoo.core.AtomicFiles;

/**
 * Writes a 2-D float32 array as a NumPy {@code .npy} file (format 1.0, little-endian, C order):
 * at once and atomically ({@link #write}), or streamed, a header that states the final row count
 * followed by rows appended chunk by chunk ({@link #writeHeader}, {@link #writeRows}), so that a
 * file of any size is written with memory for one chunk.
 */
public final class NpyWriter {
    private NpyWriter() {}

    /** Writes {@code rows} (all of the same length) to {@code file}. */
    public static void write(Path file, float[][] rows) {
        int n = rows.length;
        int d = n == 0 ? 0 : rows[0].length;
        AtomicFiles.write(file, out -> {
            writeHeader(out, n, d);
            for (float[] r : rows) {
                writeRows(out, r, 1, d);
            }
        });
    }

    /**
     * Writes the header of an {@code (n, d)} float32 array; exactly {@code n * d} values must follow.
     */
    public static void writeHeader(OutputStream out, long n, int d) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", " + d + "), }";
        // magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64, ending in \n
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(b.array());
    }

    /** Appends the first {@code count} rows of {@code d} values of the row-major {@code flat}. */
    public static void writeRows(OutputStream out, float[] flat, int count, int d) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(count * d * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(flat, 0, count * d);
        out.write(b.array());
    }
}
