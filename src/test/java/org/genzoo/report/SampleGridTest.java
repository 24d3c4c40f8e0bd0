package org.genzoo.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGridTest {
    @TempDir Path dir;

    /** Image i has value (i + 1) / 10 everywhere except pixel (r=1, c=2), which is 1. */
    private static float[] images(int n, int h, int w) {
        float[] v = new float[n * h * w];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < h * w; k++) {
                v[i * h * w + k] = (i + 1) / 10f;
            }
            v[(i * h + 1) * w + 2] = 1f;
        }
        return v;
    }

    @Test
    void gridHasExpectedSizeAndPixels() throws Exception {
        // 5 images of 3×4 at scale 2: ceil(sqrt 5) = 3 columns, 2 rows.
        // width = 3·(4·2) + 4 separators = 28; height = 2·(3·2) + 3 = 15
        Path png = dir.resolve("grid.png");
        SampleGrid.write(png, images(5, 3, 4), 5, 3, 4);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(28);
        assertThat(img.getHeight()).isEqualTo(15);
        Raster r = img.getRaster();
        // image 4 (0-based) is row 1, column 1: its top-left pixel is at x = 1 + 1·(8+1) = 10,
        // y = 1 + 1·(6+1) = 8; its value 0.5 → round(127.5) = 128
        assertThat(r.getSample(10, 8, 0)).isEqualTo(Math.round(0.5f * 255));
        // its bright pixel (r=1, c=2) covers x = 10 + 4..5, y = 8 + 2..3
        assertThat(r.getSample(14, 10, 0)).isEqualTo(255);
        assertThat(r.getSample(15, 11, 0)).isEqualTo(255);
        assertThat(r.getSample(13, 10, 0)).isEqualTo(128);
        // image 0 at (1, 1) has value 0.1 → 26 (round 25.5)
        assertThat(r.getSample(1, 1, 0)).isEqualTo(26);
        // separator column between images 0 and 1, and the frame
        assertThat(r.getSample(9, 3, 0)).isEqualTo(SampleGrid.SEPARATOR_GREY);
        assertThat(r.getSample(0, 0, 0)).isEqualTo(SampleGrid.SEPARATOR_GREY);
        // unused sixth cell keeps the separator grey
        assertThat(r.getSample(20, 10, 0)).isEqualTo(SampleGrid.SEPARATOR_GREY);
    }

    @Test
    void valuesAreClampedAndNanIsBlack() {
        float[] v = {-3f, 2f, Float.NaN, 0.2f};
        BufferedImage img = SampleGrid.render(v, 1, 1, 4, 1, 1);
        Raster r = img.getRaster();
        assertThat(new int[] {r.getSample(1, 1, 0), r.getSample(2, 1, 0), r.getSample(3, 1, 0), r.getSample(4, 1, 0)})
                .containsExactly(0, 255, 0, 51);
    }

    @Test
    void defaultColumnsIsCeilSqrt() {
        assertThat(SampleGrid.defaultColumns(1)).isEqualTo(1);
        assertThat(SampleGrid.defaultColumns(16)).isEqualTo(4);
        assertThat(SampleGrid.defaultColumns(17)).isEqualTo(5);
        assertThat(SampleGrid.defaultColumns(64)).isEqualTo(8);
    }

    @Test
    void panelsSitSideBySideWithGap() throws Exception {
        // two panels of 4 images 2×2, 2 columns, scale 1: each panel 2·2+3 = 7 wide, 7 high
        float[] a = new float[16];
        float[] b = new float[16];
        java.util.Arrays.fill(b, 1f);
        Path png = dir.resolve("panels.png");
        SampleGrid.writePanels(png, List.of(a, b), 4, 2, 2, 2, 1);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(7 + SampleGrid.PANEL_GAP + 7);
        assertThat(img.getHeight()).isEqualTo(7);
        Raster r = img.getRaster();
        assertThat(r.getSample(1, 1, 0)).isEqualTo(0);
        assertThat(r.getSample(7, 3, 0)).isEqualTo(SampleGrid.PANEL_GAP_GREY);
        assertThat(r.getSample(7 + SampleGrid.PANEL_GAP + 1, 1, 0)).isEqualTo(255);
        assertThat(r.getSample(7 + SampleGrid.PANEL_GAP, 1, 0)).isEqualTo(SampleGrid.SEPARATOR_GREY);
    }

    @Test
    void wrongLengthNamesTheShape() {
        assertThatThrownBy(() -> SampleGrid.write(dir.resolve("x.png"), new float[11], 1, 3, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("values has 11 values")
                .hasMessageContaining("12");
        assertThatThrownBy(() -> SampleGrid.writePanels(dir.resolve("x.png"), List.of(new float[4], new float[3]), 1, 2, 2, 1, 1))
                .hasMessageContaining("panels[1]");
        assertThatThrownBy(() -> SampleGrid.write(dir.resolve("x.png"), new float[4], 1, 2, 2, 1, 0))
                .hasMessageContaining("scale");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    @Test
    void unwritableParentFailsAndLeavesNothing() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");
        Path png = blocker.resolve("sub").resolve("grid.png");
        assertThatThrownBy(() -> SampleGrid.write(png, images(1, 3, 4), 1, 3, 4))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("grid.png");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(blocker);
        }
    }
}
