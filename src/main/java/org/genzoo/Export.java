package org.genzoo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.genzoo.core.AtomicFiles;
import org.genzoo.core.Params;
import org.genzoo.core.UserError;

/**
 * Exports a trained run's parameters for use outside genzoo: NumPy's {@code .npz} format (a zip
 * of {@code .npy} arrays), one array per parameter and buffer under its genzoo name (for example
 * {@code encoder.0.w}), float32, plus an entry {@code config.json} holding the run's
 * {@code config.json} unchanged (model, hyperparameters, training settings, data, version), so
 * one file carries everything needed to rebuild the model. In Python,
 * {@code z = numpy.load("params.npz")} gives the arrays as {@code z["encoder.0.w"]}, and
 * {@code json.loads(z["config.json"])} the config (numpy returns a non-array entry as bytes).
 *
 * <p>The arrays are encoded by DJL ({@link NDList#encode} with {@link NDList.Encoding#NPZ});
 * genzoo only copies DJL's entries into its own zip to add {@code config.json} beside them.
 */
public final class Export {
    /** The config entry of an exported file. */
    public static final String CONFIG_ENTRY = "config.json";

    private Export() {}

    /**
     * What was exported.
     *
     * @param parameters trainable arrays written
     * @param buffers non-trained arrays written (running statistics, weight averages)
     * @param values scalars written in all
     */
    public record Summary(int parameters, int buffers, long values) {}

    /**
     * Writes the parameters and buffers of the run in {@code runDir} to {@code out} as
     * {@code .npz}, atomically (a temporary file renamed into place).
     *
     * @param force overwrite {@code out} when it exists
     * @throws UserError for a missing or untrained run, or an output path that is not a new
     *     (or, with force, existing) {@code .npz} file
     */
    public static Summary npz(Path runDir, Path out, boolean force) {
        if (!out.getFileName().toString().endsWith(".npz")) {
            throw new UserError("--out " + out + ": expected a file name ending in .npz");
        }
        if (Files.isDirectory(out)) {
            throw new UserError("--out " + out + ": is a directory, expected a .npz file name");
        }
        if (Files.exists(out) && !force) {
            throw new UserError("--out " + out + ": exists already; pass --force to overwrite it");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new UserError("--out " + out + ": " + parent + " is not a directory");
        }
        try (Runs.Opened run = Runs.open(runDir)) {
            byte[] config = Files.readAllBytes(runDir.resolve(Runs.CONFIG));
            Params params = run.model().params();
            NDList arrays = new NDList();
            int buffers = 0;
            long values = 0;
            for (Map.Entry<String, NDArray> e : params.asMap().entrySet()) {
                NDArray a = e.getValue();
                a.setName(e.getKey()); // DJL names each entry NAME.npy after the array's name
                arrays.add(a);
                buffers += params.isBuffer(e.getKey()) ? 1 : 0;
                values += a.size();
            }
            ByteArrayOutputStream npz = new ByteArrayOutputStream();
            arrays.encode(npz, NDList.Encoding.NPZ);
            AtomicFiles.write(out, raw -> {
                ZipOutputStream zip = new ZipOutputStream(raw);
                try (ZipInputStream djl = new ZipInputStream(new ByteArrayInputStream(npz.toByteArray()))) {
                    for (ZipEntry e = djl.getNextEntry(); e != null; e = djl.getNextEntry()) {
                        zip.putNextEntry(new ZipEntry(e.getName()));
                        djl.transferTo(zip);
                        zip.closeEntry();
                    }
                }
                zip.putNextEntry(new ZipEntry(CONFIG_ENTRY));
                zip.write(config);
                zip.closeEntry();
                zip.finish(); // AtomicFiles closes the stream underneath
            });
            return new Summary(arrays.size() - buffers, buffers, values);
        } catch (UncheckedIOException | IOException e) {
            throw new UserError("--out " + out + ": cannot write: " + e.getMessage(), e);
        }
    }
}
