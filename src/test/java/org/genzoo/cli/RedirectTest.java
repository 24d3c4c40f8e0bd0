package org.genzoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code main} in its own JVM, with stdout and stderr sent to one file the way a user
 * does it ({@code > log 2>&1}: one open file description shared by both streams). Every line that
 * either stream printed must be in the file, whole and in order, with no carriage return.
 */
class RedirectTest {
    @TempDir
    Path tmp;

    @Test
    void bothStreamsSurviveOneRedirectedFile() throws Exception {
        Path log = tmp.resolve("log");
        Path run = tmp.resolve("run");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire runs the tests from a manifest-only jar; the real class path is in this property.
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "\"$JAVA\" -Dai.djl.offline=true "
                + "-Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -cp \"$CP\" "
                + "org.genzoo.cli.Main train gan --data ring8 --epochs 3 --max-batches 2 --out \"$RUN\" "
                + "> \"$LOG\" 2>&1");
        pb.environment().put("JAVA", java);
        pb.environment().put("CP", cp);
        pb.environment().put("RUN", run.toString());
        pb.environment().put("LOG", log.toString());
        pb.environment().remove("GENZOO_DEBUG"); // the stderr silencing must be on, as for users
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).as("no carriage return in a file").doesNotContain("\r");
        List<String> lines = text.lines().toList();
        // stderr: one progress line per epoch; stdout: the summary, printed after them
        assertThat(lines).as(text).hasSize(5);
        for (int e = 1; e <= 3; e++) {
            assertThat(lines.get(e - 1)).as(text).startsWith("ep " + e + "/3 | loss ").contains(" ex/s | ETA ");
        }
        assertThat(lines.get(3)).startsWith("trained gan on ring8: 3 epochs, 6 steps, ");
        assertThat(lines.get(4)).isEqualTo("run directory: " + run);
    }
}
