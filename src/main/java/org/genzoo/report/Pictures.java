package org.genzoo.report;

import java.nio.file.Path;
import org.genzoo.data.DataSpec;
import org.genzoo.data.MixtureSpec;

/** The right picture of a set of samples for the shape of the data. */
public final class Pictures {
    private Pictures() {}

    /**
     * Writes an image grid for image data, a scatter plot for 2-D data (true modes marked when
     * known), and nothing for other shapes.
     *
     * @return whether a picture was written
     */
    public static boolean samples(Path png, DataSpec spec, float[][] rows, MixtureSpec mixture, String title) {
        if (spec.isImage()) {
            int[] s = spec.shape();
            float[] flat = new float[rows.length * spec.dim()];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(rows[i], 0, flat, i * spec.dim(), spec.dim());
            }
            SampleGrid.write(png, flat, rows.length, s[0], s[1]);
            return true;
        }
        if (spec.dim() == 2) {
            Plots.scatter(png, title, rows, mixture == null ? null : mixture.centres(), null);
            return true;
        }
        return false;
    }
}
