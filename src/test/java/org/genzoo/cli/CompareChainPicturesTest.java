package org.genzoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.data.Dataset;
import org.genzoo.data.Split;
import org.genzoo.eval.ChainDoubles;
import org.genzoo.report.SampleGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compare page's picture of a Markov chain sampler: the same chains after 1, 10, 100 and
 * 1,000 transitions, one grid row per number of transitions for images, one scatter plot per
 * number for 2-D data. A counting chain whose pixels are t / 1000 after t transitions shows which
 * row holds which number.
 */
class CompareChainPicturesTest {
    @TempDir Path dir;

    private static Dataset data(DataSpec spec) {
        Split s = new Split(new float[spec.dim() * 3], 3, spec.dim(), null);
        return new Dataset("t", spec, s, s, s, "0", Optional.empty(), OptionalDouble.empty());
    }

    @Test
    void imagesGetOneGridRowPerNumberOfTransitions() throws Exception {
        try (NDManager root = NDManager.newBaseManager();
                ChainDoubles.Counter chain = new ChainDoubles.Counter(root, 4, 1e-3f)) {
            List<Path> files = CompareCommand.chainPictures(chain, data(new DataSpec(4, new int[] {2, 2},
                    DataKind.BINARY)), dir, "counter", root);
            assertThat(files).containsExactly(dir.resolve("chain.png"));
            BufferedImage img = ImageIO.read(files.get(0).toFile());
            int cell = 2 * SampleGrid.DEFAULT_SCALE + 1; // 2 pixels at scale 2, plus a separator
            assertThat(img.getWidth()).isEqualTo(1 + CompareCommand.CHAIN_IMAGES * cell);
            assertThat(img.getHeight()).isEqualTo(1 + CompareCommand.CHAIN_STEPS.length * cell);
            Raster r = img.getRaster();
            for (int row = 0; row < CompareCommand.CHAIN_STEPS.length; row++) {
                int grey = Math.round(CompareCommand.CHAIN_STEPS[row] * 1e-3f * 255);
                for (int col = 0; col < CompareCommand.CHAIN_IMAGES; col++) {
                    assertThat(r.getSample(1 + col * cell, 1 + row * cell, 0)).as("row %d, image %d", row, col)
                            .isEqualTo(grey);
                }
            }
        }
    }

    @Test
    void pointsGetOneScatterPlotPerNumberOfTransitions() {
        try (NDManager root = NDManager.newBaseManager();
                ChainDoubles.Counter chain = new ChainDoubles.Counter(root, 2)) {
            List<Path> files = CompareCommand.chainPictures(chain, data(DataSpec.vector(2, DataKind.CONTINUOUS)), dir,
                    "counter", root);
            assertThat(files).containsExactly(dir.resolve("chain-1.png"), dir.resolve("chain-10.png"),
                    dir.resolve("chain-100.png"), dir.resolve("chain-1000.png"));
            assertThat(files).allMatch(Files::isRegularFile);
        }
    }
}
