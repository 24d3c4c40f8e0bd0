package org.genzoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.genzoo.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path tmp;

    private Path csv(String text) throws Exception {
        Path f = tmp.resolve("d.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsNumbersAndSkipsANonNumericHeaderAndBlankLines() throws Exception {
        Table t = CsvReader.read(csv("x,y\n1,2.5\n\n-3e2, .5\n"));
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.cols()).isEqualTo(2);
        assertThat(t.values()).containsExactly(1f, 2.5f, -300f, 0.5f);
        assertThat(t.isBinary()).isFalse();
    }

    @Test
    void numericFirstLineIsData() throws Exception {
        Table t = CsvReader.read(csv("0,1\n1,1\n"));
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.isBinary()).isTrue();
    }

    @Test
    void raggedRowNamesFileAndLine() throws Exception {
        Path f = csv("a,b\n1,2\n3,4\n5\n");
        assertThatThrownBy(() -> CsvReader.read(f)).isInstanceOf(UserError.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("line 4")
                .hasMessageContaining("expected 2");
    }

    @Test
    void nonNumberNamesFileLineAndColumn() throws Exception {
        Path f = csv("1,2\n3,abc\n");
        assertThatThrownBy(() -> CsvReader.read(f)).isInstanceOf(UserError.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("line 2 column 2")
                .hasMessageContaining("'abc'");
    }

    @Test
    void javaOnlyNumberSpellingsAreNotNumbers() throws Exception {
        Path f = csv("1,2\n3,NaN\n");
        assertThatThrownBy(() -> CsvReader.read(f)).isInstanceOf(UserError.class).hasMessageContaining("line 2");
        Path g = csv("1,2\n3,4f\n");
        assertThatThrownBy(() -> CsvReader.read(g)).isInstanceOf(UserError.class).hasMessageContaining("line 2");
    }

    @Test
    void headerOnlyFileHasNoData() throws Exception {
        Path f = csv("x,y\n");
        assertThatThrownBy(() -> CsvReader.read(f)).isInstanceOf(UserError.class).hasMessageContaining("no data rows");
    }

    @Test
    void loadSplitsEightyTenTenInFileOrder() throws Exception {
        StringBuilder b = new StringBuilder("v,w\n");
        for (int i = 0; i < 25; i++) {
            b.append(i).append(',').append(0.5 * i).append('\n');
        }
        Path f = csv(b.toString());
        Dataset ds = Datasets.load(f.toString(), LoadOptions.defaults());
        // 25 rows: valid = test = floor(25/10) = 2, train = 21
        assertThat(ds.train().size()).isEqualTo(21);
        assertThat(ds.valid().size()).isEqualTo(2);
        assertThat(ds.test().size()).isEqualTo(2);
        assertThat(ds.valid().row(0)).containsExactly(21f, 10.5f);
        assertThat(ds.test().row(1)).containsExactly(24f, 12f);
        assertThat(ds.spec().kind()).isEqualTo(DataKind.CONTINUOUS);
        assertThat(ds.spec().shape()).containsExactly(2);
        assertThat(ds.train().labels()).isNull();
    }

    @Test
    void allZeroOneCsvIsBinary() throws Exception {
        Path f = csv("1,0,1\n0,0,1\n1,1,1\n");
        Dataset ds = Datasets.load(f.toString(), LoadOptions.defaults());
        assertThat(ds.spec().kind()).isEqualTo(DataKind.BINARY);
        assertThat(ds.train().size() + ds.valid().size() + ds.test().size()).isEqualTo(3);
    }
}
