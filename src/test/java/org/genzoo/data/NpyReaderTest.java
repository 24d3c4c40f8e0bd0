package org.genzoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.genzoo.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyReaderTest {
    @TempDir
    Path tmp;

    /** A version-1 .npy file written by hand, as numpy.save would: header padded to 64 bytes. */
    static byte[] npy(String descr, String shape, boolean fortran, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
                + ", 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.ISO_8859_1));
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    private Path file(byte[] bytes) throws Exception {
        Path f = tmp.resolve("a.npy");
        Files.write(f, bytes);
        return f;
    }

    @Test
    void float32TwoDRoundTrip() throws Exception {
        float[] v = {1.5f, -2f, 3.25f, 0f, 7f, -0.125f};
        ByteBuffer bb = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(v);
        Table t = NpyReader.read(file(npy("<f4", "(3, 2)", false, bb.array())));
        assertThat(t.rows()).isEqualTo(3);
        assertThat(t.cols()).isEqualTo(2);
        assertThat(t.values()).containsExactly(v);
    }

    @Test
    void uint8RoundTripKeepsValuesAbove127() throws Exception {
        byte[] data = {0, 1, (byte) 255, (byte) 128};
        Table t = NpyReader.read(file(npy("|u1", "(2, 2)", false, data)));
        assertThat(t.values()).containsExactly(0f, 1f, 255f, 128f);
    }

    @Test
    void oneDArrayIsOneValuePerExample() throws Exception {
        ByteBuffer bb = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        bb.putLong(5).putLong(-6).putLong(7);
        Table t = NpyReader.read(file(npy("<i8", "(3,)", false, bb.array())));
        assertThat(t.rows()).isEqualTo(3);
        assertThat(t.cols()).isEqualTo(1);
        assertThat(t.values()).containsExactly(5f, -6f, 7f);
    }

    @Test
    void bigEndianFloat64IsRead() throws Exception {
        ByteBuffer bb = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        bb.putDouble(0.5).putDouble(-1.0);
        Table t = NpyReader.read(file(npy(">f8", "(1, 2)", false, bb.array())));
        assertThat(t.values()).containsExactly(0.5f, -1f);
    }

    @Test
    void rejectsThreeDimensions() throws Exception {
        Path f = file(npy("|u1", "(2, 2, 2)", false, new byte[8]));
        assertThatThrownBy(() -> NpyReader.read(f)).isInstanceOf(UserError.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("3 dimensions");
    }

    @Test
    void rejectsFortranOrder() throws Exception {
        Path f = file(npy("|u1", "(2, 2)", true, new byte[4]));
        assertThatThrownBy(() -> NpyReader.read(f)).isInstanceOf(UserError.class).hasMessageContaining("Fortran");
    }

    @Test
    void rejectsUnsupportedType() throws Exception {
        Path f = file(npy("<f2", "(2,)", false, new byte[4]));
        assertThatThrownBy(() -> NpyReader.read(f)).isInstanceOf(UserError.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("'<f2'");
    }

    @Test
    void rejectsDataOfTheWrongLength() throws Exception {
        Path f = file(npy("<f4", "(2, 2)", false, new byte[12]));
        assertThatThrownBy(() -> NpyReader.read(f)).isInstanceOf(UserError.class)
                .hasMessageContaining("12 bytes, expected 16");
    }

    @Test
    void rejectsAFileThatIsNotNpy() throws Exception {
        Path f = file("hello,world\n".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> NpyReader.read(f)).isInstanceOf(UserError.class).hasMessageContaining("not a .npy file");
    }

    @Test
    void loadsThroughDatasetsAsUint8Binary() throws Exception {
        byte[] data = new byte[40];
        for (int i = 0; i < 40; i++) {
            data[i] = (byte) (i % 3 == 0 ? 1 : 0);
        }
        Path f = file(npy("|u1", "(10, 4)", false, data));
        Dataset ds = Datasets.load(f.toString(), LoadOptions.defaults());
        assertThat(ds.spec().kind()).isEqualTo(DataKind.BINARY);
        assertThat(ds.spec().dim()).isEqualTo(4);
        assertThat(new int[] {ds.train().size(), ds.valid().size(), ds.test().size()}).containsExactly(8, 1, 1);
    }
}
