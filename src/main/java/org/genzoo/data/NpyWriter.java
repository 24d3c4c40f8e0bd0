package org.genzoo.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.genzoo.core.AtomicFiles;

/** Writes a 2-D float32 array as a NumPy {@code .npy} file (format 1.0, little-endian, C order), atomically. */
public final class NpyWriter {
    private NpyWriter() {}

    /** Writes {@code rows} (all of the same length) to {@code file}. */
    public static void write(Path file, float[][] rows) {
        int n = rows.length;
        int d = n == 0 ? 0 : rows[0].length;
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", " + d + "), }";
        // magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64, ending in \n
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + n * d * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float[] r : rows) {
            for (float v : r) {
                b.putFloat(v);
            }
        }
        AtomicFiles.write(file, b.array());
    }
}
