package org.genzoo.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.data.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

class PicturesTest {
    @TempDir Path dir;

    @Test
    void vectorsThatAreNeitherImagesNorPointsGetMarginalFrequencies() throws Exception {
        DataSpec spec = DataSpec.vector(3, DataKind.BINARY);
        assertThat(Pictures.hasSamplePicture(spec)).isFalse();
        assertThat(Pictures.hasSamplePicture(DataSpec.vector(2, DataKind.CONTINUOUS))).isTrue();
        // samples: dimension 1 always on, 2 half the time, 3 never; data: 1/4, 1/2, 1
        float[][] samples = {{1, 1, 0}, {1, 0, 0}};
        Split data = new Split(new float[] {1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1}, 4, 3, null);
        CategoryChart c = Pictures.marginalsChart(spec, samples, data, "t");
        List<CategorySeries> series = List.copyOf(c.getSeriesMap().values());
        assertThat(series).extracting(CategorySeries::getName).containsExactly("samples (2)", "data (4)");
        assertThat(series.get(0).getYData()).extracting(Number::doubleValue).containsExactly(1.0, 0.5, 0.0);
        assertThat(series.get(1).getYData()).extracting(Number::doubleValue).containsExactly(0.25, 0.5, 1.0);
        Path png = dir.resolve("marginals.png");
        Pictures.marginals(png, spec, samples, data, "t");
        assertThat(png).isRegularFile();
    }
}
