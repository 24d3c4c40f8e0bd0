package org.genzoo.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.genzoo.core.AtomicFiles;
import org.genzoo.core.UserError;

/**
 * Reads and writes IDX files, the format of MNIST and Fashion-MNIST (LeCun et al., 1998): a
 * big-endian header {@code 0x00 0x00 type ndim}, then {@code ndim} 32-bit big-endian sizes, then
 * the values row-major. Only unsigned bytes (type {@code 0x08}) are supported, as images
 * ({@code 0x00000803}, three dimensions) and labels ({@code 0x00000801}, one dimension).
 *
 * <p>A file may be raw or gzip-compressed; gzip is detected by its magic bytes {@code 1f 8b},
 * not by the file name.
 */
public final class Idx {
    /** Magic number of an unsigned-byte IDX file with three dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte IDX file with one dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private Idx() {}

    /**
     * The content of one IDX file.
     *
     * @param dims the sizes from the header, outermost first
     * @param data the values row-major, one unsigned byte each
     */
    public record IdxArray(int[] dims, byte[] data) {
        /** Checks that {@code data} holds exactly the product of {@code dims} bytes. */
        public IdxArray {
            if (dims == null || dims.length == 0) {
                throw new IllegalArgumentException("dims must name at least one dimension");
            }
            if (data == null || data.length != product(dims)) {
                throw new IllegalArgumentException("data must hold " + product(dims) + " bytes, got "
                        + (data == null ? "null" : data.length));
            }
            dims = dims.clone();
        }

        /** The sizes from the header (a copy). */
        @Override
        public int[] dims() {
            return dims.clone();
        }

        /** Number of items (the first dimension). */
        public int count() {
            return dims[0];
        }

        /** Bytes per item (the product of the other dimensions; 1 for labels). */
        public int itemSize() {
            return (int) (product(dims) / dims[0]);
        }

        /** Value {@code i} as an unsigned int in [0, 255]. */
        public int unsigned(int i) {
            return data[i] & 0xff;
        }
    }

    /**
     * Reads an image file: magic {@code 0x00000803} and three dimensions {@code (n, rows, cols)}.
     *
     * @throws UserError naming {@code file} when it is missing, not an image IDX file, truncated or
     *     longer than its header says
     */
    public static IdxArray readImages(Path file) {
        return read(file, IMAGES_MAGIC, 3);
    }

    /**
     * Reads a label file: magic {@code 0x00000801} and one dimension {@code (n)}.
     *
     * @throws UserError naming {@code file} when it is missing, not a label IDX file, truncated or
     *     longer than its header says
     */
    public static IdxArray readLabels(Path file) {
        return read(file, LABELS_MAGIC, 1);
    }

    private static IdxArray read(Path file, int expectedMagic, int expectedDims) {
        String what = expectedDims == 3 ? "an IDX image file" : "an IDX label file";
        try (InputStream in = open(file)) {
            byte[] head = readFully(in, 4, file, "header");
            int magic = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
            if ((magic & 0xffff0000) != 0 || (magic & 0xff00) != 0x0800) {
                throw new UserError(file + ": bad magic number 0x" + String.format("%08x", magic)
                        + ", expected 0x" + String.format("%08x", expectedMagic) + " (" + what
                        + " of unsigned bytes)");
            }
            int ndim = magic & 0xff;
            if (ndim != expectedDims) {
                throw new UserError(file + ": has " + ndim + " dimensions, expected " + expectedDims
                        + " (" + what + ", magic 0x" + String.format("%08x", expectedMagic) + ")");
            }
            byte[] sizeBytes = readFully(in, 4 * ndim, file, "dimension sizes");
            int[] dims = new int[ndim];
            for (int d = 0; d < ndim; d++) {
                int o = 4 * d;
                dims[d] = ((sizeBytes[o] & 0xff) << 24) | ((sizeBytes[o + 1] & 0xff) << 16)
                        | ((sizeBytes[o + 2] & 0xff) << 8) | (sizeBytes[o + 3] & 0xff);
                if (dims[d] <= 0) {
                    throw new UserError(file + ": dimension " + d + " has size " + dims[d] + " in the header, expected a positive size");
                }
            }
            long total = product(dims);
            if (total > Integer.MAX_VALUE - 16) {
                throw new UserError(file + ": header sizes " + Arrays.toString(dims) + " describe "
                        + total + " bytes, more than this reader can hold");
            }
            byte[] data = readFully(in, (int) total, file, "data");
            if (in.read() != -1) {
                throw new UserError(file + ": size does not match the header " + Arrays.toString(dims)
                        + ": the file has bytes after the " + total + " values it declares");
            }
            return new IdxArray(dims, data);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file (expected " + what + ")", e);
        } catch (EOFException e) {
            throw new UserError(file + ": truncated (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    /** Opens {@code file}, decompressing it when it starts with the gzip magic bytes. */
    static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return raw;
    }

    private static byte[] readFully(InputStream in, int n, Path file, String part) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                throw new EOFException("the " + part + " ends after " + off + " of " + n + " bytes");
            }
            off += r;
        }
        return b;
    }

    /**
     * Writes {@code array} to {@code file} as an unsigned-byte IDX file (atomically), gzipped when
     * {@code gzip} is true. Used by tests and by anyone converting their own images.
     */
    public static void write(Path file, IdxArray array, boolean gzip) {
        byte[] bytes = toBytes(array);
        AtomicFiles.write(file, out -> {
            if (gzip) {
                try (GZIPOutputStream gz = new GZIPOutputStream(nonClosing(out))) {
                    gz.write(bytes);
                }
            } else {
                out.write(bytes);
            }
        });
    }

    /** The IDX encoding of {@code array}: header, sizes, values. */
    public static byte[] toBytes(IdxArray array) {
        int[] dims = array.dims();
        ByteArrayOutputStream bos = new ByteArrayOutputStream(array.data().length + 4 + 4 * dims.length);
        try (DataOutputStream dos = new DataOutputStream(bos)) {
            dos.writeInt(0x00000800 | dims.length);
            for (int d : dims) {
                dos.writeInt(d);
            }
            dos.write(array.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen for an in-memory stream
        }
        return bos.toByteArray();
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush(); // AtomicFiles closes the underlying stream itself
            }
        };
    }

    private static long product(int[] dims) {
        long p = 1;
        for (int d : dims) {
            p *= d;
        }
        return p;
    }
}
