package org.genzoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.LossParts;
import org.junit.jupiter.api.Test;

/** The progress line fits any width with whole fields, and a pipe gets plain lines, never '\r'. */
class ConsoleProgressTest {
    private static final List<String> FIELDS = Arrays.asList("ep 12/200", "loss 96.62", "11,442 ex/s", "ETA 1:23:45",
            null, "valid 96.62*", "kl 20.14", "rec 76.48");

    @Test
    void fitKeepsTheMostImportantWholeFieldsAtEveryWidth() {
        int essentials = String.join(" | ", FIELDS.subList(0, 4)).length();
        for (int width = 1; width <= 250; width++) {
            String line = ConsoleProgress.fit(FIELDS, 0.45, width);
            assertThat(line.length()).as("width %d: %s", width, line).isLessThanOrEqualTo(width);
            // the line is a prefix of the fields, each whole, then perhaps the bar
            String[] parts = line.isEmpty() ? new String[0] : line.split(" \\| ");
            for (int i = 0; i < parts.length; i++) {
                if (FIELDS.get(i) == null) {
                    assertThat(parts[i]).as("width %d", width).matches(" 45% \\[=+> *\\]")
                            .hasSize(ConsoleProgress.BAR);
                } else {
                    assertThat(parts[i]).as("width %d: field %d whole", width, i).isEqualTo(FIELDS.get(i));
                }
            }
            if (width >= essentials) {
                assertThat(line).as("width %d", width).startsWith("ep 12/200 | loss 96.62 | 11,442 ex/s | ETA 1:23:45");
            }
        }
        assertThat(ConsoleProgress.fit(FIELDS, 0.45, 80)).matches(
                "ep 12/200 \\| loss 96.62 \\| 11,442 ex/s \\| ETA 1:23:45 \\|  45% \\[=+> +\\]");
        assertThat(ConsoleProgress.fit(FIELDS, 0.45, 200)).contains("ETA 1:23:45 |  45% [").endsWith(
                "] | valid 96.62* | kl 20.14 | rec 76.48");
    }

    @Test
    void barAndClock() {
        assertThat(ConsoleProgress.bar(0.5, 17)).isEqualTo(" 50% [=====>    ]");
        assertThat(ConsoleProgress.bar(1.0, 17)).isEqualTo("100% [==========]");
        assertThat(ConsoleProgress.clock(83)).isEqualTo("1:23");
        assertThat(ConsoleProgress.clock(5025)).isEqualTo("1:23:45");
    }

    @Test
    void aPipeGetsOnePlainLinePerEpoch() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ConsoleProgress p = new ConsoleProgress(true, new PrintStream(buf, true, StandardCharsets.UTF_8), () -> 0);
        p.onStart(model("toy"), 0, 3, 4);
        long step = 0;
        for (int e = 1; e <= 3; e++) {
            for (int b = 0; b < 4; b++) {
                p.onStep(e, ++step, new LossParts(1.5).with("kl", 0.25), 1234.0);
            }
            p.onEpochEnd(e, step, 2.0 - e / 10.0, true);
        }
        p.onEnd();
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("\r");
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(3);
        for (int e = 1; e <= 3; e++) {
            assertThat(lines.get(e - 1)).startsWith("ep " + e + "/3 | loss 1.500 | 1,234 ex/s | ETA ")
                    .contains(" | valid " + List.of("1.900", "1.800", "1.700").get(e - 1) + "* | ").endsWith("kl 0.2500");
        }
    }

    @Test
    void aPipeGetsAPlainLinePerTenthOfATask() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ConsoleProgress p = new ConsoleProgress(true, new PrintStream(buf, true, StandardCharsets.UTF_8), () -> 0);
        p.start("IWAE k=5", 1000, " ex");
        for (int i = 0; i < 100; i++) {
            p.advance(10);
        }
        p.end();
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("\r");
        assertThat(out.lines().toList()).hasSize(10).allMatch(l -> l.startsWith("IWAE k=5 | "));
        assertThat(out.lines().toList().get(9)).startsWith("IWAE k=5 | 1,000/1,000 ex | ");
    }

    @Test
    void aTerminalGetsOneRedrawnLineNoWiderThanItself() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ConsoleProgress p = new ConsoleProgress(true, new PrintStream(buf, true, StandardCharsets.UTF_8), () -> 60);
        p.onStart(model("toy"), 0, 1, 2);
        p.onStep(1, 1, new LossParts(1.5).with("d_real", 0.69).with("d_fake", 0.7), 1000.0);
        p.onStep(1, 2, new LossParts(1.25).with("d_real", 0.69).with("d_fake", 0.7), 1000.0);
        p.onEpochEnd(1, 2, Double.NaN, true);
        p.onEnd();
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("\r").endsWith(System.lineSeparator());
        for (String frame : out.strip().split("\r")) {
            if (!frame.isEmpty()) {
                assertThat(frame.length()).as(frame).isLessThanOrEqualTo(59);
                assertThat(frame).startsWith("ep 1/1 | "); // the first draw may come before the first loss
            }
        }
        assertThat(out).contains("ep 1/1 | loss 1.250 | 1,000 ex/s | ETA 0:00 ").doesNotContain("d_real");
    }

    /** A model that only has a name: all the progress reads of it. */
    private static GenerativeModel model(String kind) {
        return (GenerativeModel) Proxy.newProxyInstance(GenerativeModel.class.getClassLoader(),
                new Class<?>[] {GenerativeModel.class}, (proxy, m, args) -> {
                    if (m.getName().equals("kind")) {
                        return kind;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }
}
