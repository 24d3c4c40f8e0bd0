package org.genzoo.report;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.genzoo.core.AtomicFiles;

/**
 * Writes grey images as one PNG grid, the way sample figures are shown in papers.
 *
 * <p>Input is {@code n} images of {@code height × width} values stored one after another in
 * row-major order ({@code values[(i * height + r) * width + c]} is row {@code r}, column {@code c}
 * of image {@code i}), which is what {@code NDArray.toFloatArray()} gives for an {@code (n, h, w)}
 * or {@code (n, 1, h, w)} array. A value {@code v} becomes the grey level
 * {@code round(clamp(v, 0, 1) · 255)} (0 black, 255 white); NaN is drawn black. Each pixel becomes
 * a {@code scale × scale} block, images are separated (and framed) by 1-pixel lines of mid grey
 * {@value #SEPARATOR_GREY}, and unused cells of the last row are left in that grey.
 *
 * <p>The PNG is 8-bit greyscale; read pixel values back with {@code getRaster().getSample(x, y,
 * 0)}, not {@code getRGB}, which applies Java's linear-grey to sRGB conversion.
 */
public final class SampleGrid {
    static {
        Headless.ensure();
    }

    /** Pixels per value along each axis when the caller does not say. */
    public static final int DEFAULT_SCALE = 2;

    /** Grey level of the 1-pixel lines between images. */
    public static final int SEPARATOR_GREY = 128;

    /** Grey level of the gap between the panels of {@link #writePanels}. */
    public static final int PANEL_GAP_GREY = 255;

    /** Width in pixels of the gap between the panels of {@link #writePanels}. */
    public static final int PANEL_GAP = 8;

    /** Refuse pictures above this many pixels: a wrong shape should fail, not exhaust memory. */
    private static final long MAX_PIXELS = 1L << 27;

    private SampleGrid() {}

    /** Writes a grid with {@link #defaultColumns(int)} columns and {@link #DEFAULT_SCALE}. */
    public static void write(Path png, float[] values, int n, int height, int width) {
        write(png, values, n, height, width, defaultColumns(n), DEFAULT_SCALE);
    }

    /** Writes a grid with the given number of columns and {@link #DEFAULT_SCALE}. */
    public static void write(Path png, float[] values, int n, int height, int width, int columns) {
        write(png, values, n, height, width, columns, DEFAULT_SCALE);
    }

    /**
     * Writes {@code n} grey images as a PNG grid.
     *
     * @param png the file to write (atomically; parent folders are created)
     * @param values {@code n · height · width} values, nominally in [0, 1]; others are clamped
     * @param n number of images, at least 1
     * @param height rows per image, at least 1
     * @param width columns per image, at least 1
     * @param columns images per grid row, at least 1; more than {@code n} is reduced to {@code n}
     * @param scale pixels per value along each axis, at least 1
     * @throws IllegalArgumentException if a size is not positive or {@code values} has the wrong
     *     length
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void write(
            Path png, float[] values, int n, int height, int width, int columns, int scale) {
        Objects.requireNonNull(png, "png");
        writePng(png, render(values, n, height, width, columns, scale));
    }

    /**
     * Writes several grids of the same shape side by side, separated by a white gap of
     * {@value #PANEL_GAP} pixels: data next to samples, or inputs next to reconstructions (then
     * image {@code i} sits at the same place in every panel).
     *
     * @param png the file to write (atomically; parent folders are created)
     * @param panels one array of {@code n · height · width} values per panel, at least one panel
     * @param n images per panel
     * @param height rows per image
     * @param width columns per image
     * @param columns images per grid row within a panel
     * @param scale pixels per value along each axis
     * @throws IllegalArgumentException as {@link #write(Path, float[], int, int, int, int, int)},
     *     naming the panel at fault
     */
    public static void writePanels(
            Path png, List<float[]> panels, int n, int height, int width, int columns, int scale) {
        Objects.requireNonNull(png, "png");
        writePng(png, renderPanels(panels, n, height, width, columns, scale));
    }

    /** {@code ceil(sqrt(n))}: the column count that makes a grid of {@code n} images squarest. */
    public static int defaultColumns(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        int c = (int) Math.ceil(Math.sqrt(n));
        // guard against floating-point rounding around perfect squares
        while ((long) (c - 1) * (c - 1) >= n) {
            c--;
        }
        while ((long) c * c < n) {
            c++;
        }
        return c;
    }

    /** Draws one grid; package-private so tests can inspect pixels without a file. */
    static BufferedImage render(float[] values, int n, int height, int width, int columns, int scale) {
        return renderPanels(List.of(Objects.requireNonNull(values, "values")), n, height, width, columns, scale);
    }

    /** Draws panels side by side; a single panel is a plain grid. */
    static BufferedImage renderPanels(
            List<float[]> panels, int n, int height, int width, int columns, int scale) {
        Objects.requireNonNull(panels, "panels");
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("panels must hold at least one array of images");
        }
        requirePositive("n", n);
        requirePositive("height", height);
        requirePositive("width", width);
        requirePositive("columns", columns);
        requirePositive("scale", scale);
        long expected = (long) n * height * width;
        for (int p = 0; p < panels.size(); p++) {
            float[] values = panels.get(p);
            String name = panels.size() == 1 ? "values" : "panels[" + p + "]";
            Objects.requireNonNull(values, name);
            if (values.length != expected) {
                throw new IllegalArgumentException(name + " has " + values.length
                        + " values but n·height·width = " + n + "·" + height + "·" + width + " = " + expected);
            }
        }
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        long cellW = (long) width * scale;
        long cellH = (long) height * scale;
        long panelW = cols * cellW + cols + 1;
        long panelH = rows * cellH + rows + 1;
        long totalW = panels.size() * panelW + (long) (panels.size() - 1) * PANEL_GAP;
        if (totalW * panelH > MAX_PIXELS) {
            throw new IllegalArgumentException("grid of " + totalW + "×" + panelH
                    + " pixels exceeds the limit of " + MAX_PIXELS + "; reduce n or scale");
        }
        BufferedImage image = new BufferedImage((int) totalW, (int) panelH, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        fill(raster, 0, 0, (int) totalW, (int) panelH, PANEL_GAP_GREY);
        for (int p = 0; p < panels.size(); p++) {
            int x0 = (int) (p * (panelW + PANEL_GAP));
            fill(raster, x0, 0, (int) panelW, (int) panelH, SEPARATOR_GREY);
            float[] values = panels.get(p);
            for (int i = 0; i < n; i++) {
                int left = x0 + 1 + (int) ((i % cols) * (cellW + 1));
                int top = 1 + (int) ((i / cols) * (cellH + 1));
                for (int r = 0; r < height; r++) {
                    for (int c = 0; c < width; c++) {
                        int grey = grey(values[(i * height + r) * width + c]);
                        fill(raster, left + c * scale, top + r * scale, scale, scale, grey);
                    }
                }
            }
        }
        return image;
    }

    /** Maps a value to a grey level: clamp to [0, 1], scale to [0, 255], round; NaN is 0. */
    static int grey(float v) {
        if (!(v > 0f)) {
            return 0; // also NaN
        }
        if (v >= 1f) {
            return 255;
        }
        return Math.round(v * 255f);
    }

    private static void fill(WritableRaster raster, int x, int y, int w, int h, int grey) {
        for (int yy = y; yy < y + h; yy++) {
            for (int xx = x; xx < x + w; xx++) {
                raster.setSample(xx, yy, 0, grey);
            }
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    private static void writePng(Path png, BufferedImage image) {
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new java.io.IOException("no PNG writer available");
            }
        });
    }
}
