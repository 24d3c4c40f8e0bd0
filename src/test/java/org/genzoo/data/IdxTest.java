package org.genzoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.genzoo.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path tmp;

    private static Idx.IdxArray images(int n, int rows, int cols) {
        byte[] data = new byte[n * rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 37 + 11); // every byte value, including those above 127
        }
        return new Idx.IdxArray(new int[] {n, rows, cols}, data);
    }

    @Test
    void rawRoundTripGivesTheSameDimsAndBytes() {
        Idx.IdxArray a = images(7, 3, 5);
        Path f = tmp.resolve("x-idx3-ubyte");
        Idx.write(f, a, false);
        Idx.IdxArray b = Idx.readImages(f);
        assertThat(b.dims()).containsExactly(7, 3, 5);
        assertThat(b.data()).isEqualTo(a.data());
        assertThat(b.itemSize()).isEqualTo(15);
        assertThat(b.unsigned(1)).isEqualTo(48); // (1*37+11) & 0xff
    }

    @Test
    void gzipFileIsDetectedByItsMagicBytesNotItsName() throws Exception {
        Idx.IdxArray a = images(4, 2, 2);
        Path f = tmp.resolve("no-gz-suffix");
        Idx.write(f, a, true);
        byte[] head = Arrays.copyOf(Files.readAllBytes(f), 2);
        assertThat(head).containsExactly((byte) 0x1f, (byte) 0x8b);
        assertThat(Idx.readImages(f).data()).isEqualTo(a.data());
    }

    @Test
    void labelsRoundTrip() {
        Idx.IdxArray l = new Idx.IdxArray(new int[] {5}, new byte[] {0, 9, 3, (byte) 200, 1});
        Path f = tmp.resolve("labels");
        Idx.write(f, l, false);
        Idx.IdxArray r = Idx.readLabels(f);
        assertThat(r.count()).isEqualTo(5);
        assertThat(r.unsigned(3)).isEqualTo(200);
    }

    @Test
    void truncatedFileIsRejectedNamingTheFile() throws Exception {
        Path f = tmp.resolve("cut-idx3-ubyte");
        byte[] full = Idx.toBytes(images(3, 4, 4));
        Files.write(f, Arrays.copyOf(full, full.length - 5));
        assertThatThrownBy(() -> Idx.readImages(f)).isInstanceOf(UserError.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("truncated");
    }

    @Test
    void truncatedHeaderIsRejectedNamingTheFile() throws Exception {
        Path f = tmp.resolve("tiny");
        Files.write(f, new byte[] {0, 0, 8});
        assertThatThrownBy(() -> Idx.readImages(f)).isInstanceOf(UserError.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("truncated");
    }

    @Test
    void wrongMagicIsRejectedNamingTheFile() throws Exception {
        Path f = tmp.resolve("bad-magic");
        byte[] bytes = Idx.toBytes(images(2, 2, 2));
        bytes[2] = 0x0D; // type 0x0D = float, not unsigned byte
        Files.write(f, bytes);
        assertThatThrownBy(() -> Idx.readImages(f)).isInstanceOf(UserError.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("bad magic number");
    }

    @Test
    void extraBytesAfterTheDataAreASizeMismatch() throws Exception {
        Path f = tmp.resolve("long");
        byte[] full = Idx.toBytes(images(2, 2, 2));
        Files.write(f, Arrays.copyOf(full, full.length + 3));
        assertThatThrownBy(() -> Idx.readImages(f)).isInstanceOf(UserError.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("size does not match the header");
    }

    @Test
    void labelFileReadAsImagesIsAWrongNumberOfDimensions() {
        Path f = tmp.resolve("labels-as-images");
        Idx.write(f, new Idx.IdxArray(new int[] {3}, new byte[3]), false);
        assertThatThrownBy(() -> Idx.readImages(f)).isInstanceOf(UserError.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("has 1 dimensions, expected 3");
    }

    @Test
    void missingFileIsAUserError() {
        Path f = tmp.resolve("absent");
        assertThatThrownBy(() -> Idx.readLabels(f)).isInstanceOf(UserError.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("no such file");
    }
}
