package org.genzoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.genzoo.core.UserError;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path tmp;

    /** Writes an MNIST-style directory of 2x3 images: 10,003 training images and 4 test images. */
    private Path idxDir(boolean gzipTrain) {
        int nTrain = 10_003;
        byte[] img = new byte[nTrain * 6];
        byte[] lab = new byte[nTrain];
        for (int i = 0; i < nTrain; i++) {
            lab[i] = (byte) (i % 10);
            for (int j = 0; j < 6; j++) {
                img[6 * i + j] = (byte) ((i + j) % 256);
            }
        }
        Idx.write(tmp.resolve("train-images-idx3-ubyte" + (gzipTrain ? ".gz" : "")),
                new Idx.IdxArray(new int[] {nTrain, 2, 3}, img), gzipTrain);
        Idx.write(tmp.resolve("train-labels-idx1-ubyte"), new Idx.IdxArray(new int[] {nTrain}, lab), false);
        byte[] test = new byte[24];
        test[23] = (byte) 255;
        Idx.write(tmp.resolve("t10k-images-idx3-ubyte"), new Idx.IdxArray(new int[] {4, 2, 3}, test), false);
        Idx.write(tmp.resolve("t10k-labels-idx1-ubyte.gz"), new Idx.IdxArray(new int[] {4}, new byte[] {3, 1, 4, 1}), true);
        return tmp;
    }

    @Test
    void idxDirectoryHoldsOutTheLastTenThousandTrainingImages() {
        Dataset ds = Datasets.load(idxDir(true).toString(), LoadOptions.defaults());
        assertThat(ds.spec()).isEqualTo(new DataSpec(6, new int[] {2, 3}, DataKind.GREY));
        assertThat(ds.train().size()).isEqualTo(3);
        assertThat(ds.valid().size()).isEqualTo(10_000);
        assertThat(ds.test().size()).isEqualTo(4);
        // valid row 0 is training image 3: bytes 3..8 / 255
        assertThat(ds.valid().row(0)).containsExactly(3 / 255f, 4 / 255f, 5 / 255f, 6 / 255f, 7 / 255f, 8 / 255f);
        assertThat(ds.valid().labels()[0]).isEqualTo(3);
        assertThat(ds.test().labels()).containsExactly(3, 1, 4, 1);
        assertThat(ds.test().row(3)[5]).isEqualTo(1f);
    }

    @Test
    void hashDependsOnValuesOnly() {
        Dataset a = Datasets.load(idxDir(true).toString(), LoadOptions.defaults());
        Dataset b = Datasets.load(idxDir(false).toString(), LoadOptions.defaults());
        assertThat(a.sha256()).isEqualTo(b.sha256());
        assertThat(Datasets.load(tmp.toString(), LoadOptions.defaults().withLimit(2)).sha256()).isNotEqualTo(a.sha256());
    }

    @Test
    void directoryMissingAFileSaysWhich() {
        Path empty = tmp.resolve("empty");
        empty.toFile().mkdirs();
        assertThatThrownBy(() -> Datasets.load(empty.toString(), LoadOptions.defaults()))
                .isInstanceOf(UserError.class).hasMessageContaining("train-images-idx3-ubyte");
    }

    @Test
    void uncachedMnistTellsTheUserToFetch() {
        String old = System.getProperty("genzoo.home");
        System.setProperty("genzoo.home", tmp.toString());
        try {
            assertThatThrownBy(() -> Datasets.load("mnist", LoadOptions.defaults()))
                    .isInstanceOf(UserError.class).hasMessageContaining("run `genzoo data fetch mnist` first");
        } finally {
            if (old == null) {
                System.clearProperty("genzoo.home");
            } else {
                System.setProperty("genzoo.home", old);
            }
        }
    }

    @Test
    void unknownNameListsTheBuiltIns() {
        assertThatThrownBy(() -> Datasets.load("mnsit", LoadOptions.defaults()))
                .isInstanceOf(UserError.class).hasMessageContaining("'mnsit'").hasMessageContaining("ring8");
    }

    @Test
    void everyBuiltInHasADescription() {
        assertThat(Datasets.builtInNames()).containsExactly(
                "mnist", "fashion-mnist", "ring8", "grid25", "moons", "checkerboard", "binary-synthetic");
        for (String n : Datasets.builtInNames()) {
            assertThat(Datasets.description(n)).isNotBlank().doesNotContain("\n");
        }
    }

    /** Runs where the cache holds MNIST: locally after a fetch, and in CI after `.ci/run` fetches it. */
    @Test
    void mnistHasTheStandardSplitsWhenFetched() {
        Assumptions.assumeTrue(IdxDirectory.isComplete(DataHome.cacheDir("mnist")),
                "MNIST is not cached: run `genzoo data fetch mnist`");
        assertThat(new DataFetcher().isVerified("mnist")).isTrue();
        assertThat(new DataFetcher().fetch("mnist", line -> { })).contains("already present and verified");
        Dataset ds = Datasets.load("mnist", LoadOptions.defaults());
        assertThat(ds.spec()).isEqualTo(new DataSpec(784, new int[] {28, 28}, DataKind.GREY));
        assertThat(new int[] {ds.train().size(), ds.valid().size(), ds.test().size()})
                .containsExactly(50_000, 10_000, 10_000);
        float min = 1;
        float max = 0;
        for (float v : ds.test().values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isZero();
        assertThat(max).isEqualTo(1f);
        // the first MNIST training label is 5 and the first test label is 7
        assertThat(ds.train().labels()[0]).isEqualTo(5);
        assertThat(ds.test().labels()[0]).isEqualTo(7);
        // measured once with `genzoo data info mnist` (values of train, valid, test as float32 LE)
        assertThat(ds.sha256()).isEqualTo("d27fb91380ff036e93126fddb1fc6037e178683a6d3d702bd6655b27bcd0ac69");
    }

    @Test
    void fashionMnistHasTheStandardSplitsWhenFetched() {
        Assumptions.assumeTrue(IdxDirectory.isComplete(DataHome.cacheDir("fashion-mnist")),
                "Fashion-MNIST is not cached: run `genzoo data fetch fashion-mnist`");
        Dataset ds = Datasets.load("fashion-mnist", LoadOptions.defaults().withLimit(100));
        assertThat(new int[] {ds.train().size(), ds.valid().size(), ds.test().size()})
                .containsExactly(100, 100, 100);
        // the first Fashion-MNIST training label is 9 (ankle boot)
        assertThat(ds.train().labels()[0]).isEqualTo(9);
    }
}
