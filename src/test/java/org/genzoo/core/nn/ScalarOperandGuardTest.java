package org.genzoo.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.genzoo.Zoo;
import org.junit.jupiter.api.Test;

/**
 * Keeps the Java-number operand fault (see {@link Scalars}) from coming back: no compiled main
 * class may call DJL's {@code mul}, {@code div}, {@code pow}, {@code mod}, {@code maximum},
 * {@code minimum} or their reversed and in-place forms with a {@code java.lang.Number} operand.
 *
 * <p>It reads the bytecode (with the JDK's own {@code javap}), not the source: the compiler has
 * already resolved each call to its overload, so {@code x.mul(y)} with an array {@code y} and
 * {@code x.mul(0.5f)} are told apart exactly, whatever the argument expression looks like, and
 * the line number comes from the class file's line table.
 */
class ScalarOperandGuardTest {
    private static final Set<String> BANNED = Set.of(
            "mul", "muli", "div", "divi", "rdiv", "rdivi", "pow", "powi", "rpow", "rpowi",
            "mod", "modi", "rmod", "rmodi", "maximum", "minimum");
    /** A javap instruction line that calls a DJL method: owner, name and descriptor. */
    private static final Pattern CALL = Pattern.compile(
            "^\\s*(\\d+): invoke\\w+\\s.*// (?:Interface)?Method (ai/djl/[\\w/$]+)\\.(\\w+):(\\(.*?\\)\\S+)");
    private static final Pattern LINE = Pattern.compile("^\\s*line (\\d+): (\\d+)");
    private static final Pattern SOURCE = Pattern.compile("^Compiled from \"(.+)\"");
    private static final Pattern CLASS = Pattern.compile("^(?:public |protected |private |static |final |abstract |sealed |non-sealed |strictfp )*(?:class|interface|enum) ([\\w.$]+)");

    /** One offending call: class, source line, and the DJL method called. */
    record Offence(String className, int line, String method) {
        @Override
        public String toString() {
            return className + " line " + line + ": " + method;
        }
    }

    /** Every banned call in the class files under {@code root}. */
    static List<Offence> scan(Path root) throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".class")).map(Path::toString).sorted().toList();
        }
        List<Offence> out = new ArrayList<>();
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow(() -> new AssertionError("javap is missing: run the tests on a JDK"));
        for (int from = 0; from < files.size(); from += 200) {
            List<String> args = new ArrayList<>(List.of("-c", "-l", "-p"));
            args.addAll(files.subList(from, Math.min(files.size(), from + 200)));
            StringWriter text = new StringWriter();
            StringWriter err = new StringWriter();
            int rc = javap.run(new PrintWriter(text), new PrintWriter(err), args.toArray(String[]::new));
            assertThat(rc).as("javap: " + err).isZero();
            parse(text.toString(), out);
        }
        return out;
    }

    /** Reads javap's listing method by method, pairing each banned call's offset with its line. */
    private static void parse(String listing, List<Offence> out) {
        String cls = "?";
        TreeMap<Integer, Integer> lines = new TreeMap<>();
        List<Object[]> pending = new ArrayList<>(); // {offset, method} in the current method
        for (String l : listing.split("\n")) {
            Matcher m;
            if (SOURCE.matcher(l).find()) {
                flush(cls, lines, pending, out);
            } else if ((m = CLASS.matcher(l)).find()) {
                flush(cls, lines, pending, out);
                cls = m.group(1);
            } else if (l.trim().equals("Code:")) {
                flush(cls, lines, pending, out);
            } else if ((m = CALL.matcher(l)).find()) {
                if (BANNED.contains(m.group(3)) && m.group(4).contains("Ljava/lang/Number;")) {
                    pending.add(new Object[] {Integer.parseInt(m.group(1)), m.group(2) + "." + m.group(3) + m.group(4)});
                }
            } else if ((m = LINE.matcher(l)).find()) {
                lines.put(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
            }
        }
        flush(cls, lines, pending, out);
    }

    private static void flush(String cls, TreeMap<Integer, Integer> lines, List<Object[]> pending, List<Offence> out) {
        for (Object[] p : pending) {
            var e = lines.floorEntry((Integer) p[0]);
            out.add(new Offence(cls, e == null ? -1 : e.getValue(), (String) p[1]));
        }
        pending.clear();
        lines.clear();
    }

    private static Path classesOf(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void noMainClassGivesAJavaNumberToAnOperationWhoseBackwardPassKeepsIt() throws Exception {
        Path main = classesOf(Zoo.class);
        assertThat(main).isDirectory();
        assertThat(scan(main)).as("calls with a Java number operand; use core.nn.Scalars instead").isEmpty();
    }

    /** The scanner finds a planted {@code x.mul(0.5f)} (and its relatives), and passes array operands. */
    @Test
    void theScanCatchesAPlantedJavaNumberOperand() throws Exception {
        List<Offence> found = scan(classesOf(Planted.class).resolve(Planted.class.getPackageName().replace('.', '/')));
        assertThat(found).filteredOn(o -> o.className().endsWith("Planted"))
                .extracting(o -> o.method().replaceAll("^.*\\.(\\w+)\\(.*$", "$1") + "@" + o.line())
                .containsExactlyInAnyOrder(
                        "mul@" + Planted.MUL_LINE, "pow@" + (Planted.MUL_LINE + 1), "maximum@" + (Planted.MUL_LINE + 2),
                        "divi@" + (Planted.MUL_LINE + 3), "rdiv@" + (Planted.MUL_LINE + 4));
    }

    /** Test fixture: the forms the guard must catch, beside forms it must let pass. */
    static final class Planted {
        static final int MUL_LINE = 134;

        static NDArray model(NDArray x, NDArray y) {
            NDArray a = x.mul(y).add(1f).sub(2).gt(0).toType(x.getDataType(), false).clip(0, 1);
            NDArray b = x.mul(0.5f);
            NDArray c = x.pow(2);
            NDArray d = x.maximum(0.0);
            x.divi(3L);
            NDArray e = x.getNDArrayInternal().rdiv(1);
            return a.add(b).add(c).add(d).add(e).add(Scalars.times(y, 2));
        }
    }
}
