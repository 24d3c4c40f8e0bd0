package org.genzoo.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.LossParts;
import org.genzoo.core.Progress;
import org.genzoo.core.TrainListener;
import org.genzoo.core.nn.NativeStderr;

/**
 * Progress on stderr for training and for long evaluations; stdout stays free for results.
 *
 * <p>On a terminal, one line redrawn in place (me.tongfei:progressbar does the redrawing, with
 * {@link #fit} as its renderer). The line holds fields in order of importance, each whole or not
 * at all, and is cut to the terminal's width from the end: for training the epoch, the loss, the
 * rate, the time left, a bar, then the validation score and the other loss parts. Anywhere else
 * (a file, a pipe, a CI log) there is no carriage return: training prints one plain line per
 * epoch, and other tasks one line per tenth done.
 */
final class ConsoleProgress implements TrainListener, Progress {
    /** The bar's width with its percentage. */
    static final int BAR = 24;
    private static final String SEP = " | ";

    private final boolean enabled;
    private final PrintStream out;
    private final IntSupplier columns;
    private ProgressBar bar;
    private LineConsumer consumer;
    private boolean plain;

    // What the line shows; written by the working thread, read by the bar's refresh thread.
    private String task = "";
    private String unit = "";
    private int epoch;
    private int epochs;
    private long startStep;
    private long current;
    private long total;
    private long startNanos;
    private String loss = "";
    private final List<String> otherParts = new ArrayList<>();
    private double examplesPerSecond = Double.NaN;
    private String valid = "";
    private int tenthsPrinted;

    /** @param enabled false for quiet runs (nothing is printed) */
    ConsoleProgress(boolean enabled) {
        this(enabled, System.err, NativeStderr::terminalColumns);
    }

    /**
     * @param enabled false for quiet runs
     * @param out where the progress goes
     * @param columns the terminal width in columns, or 0 when {@code out} is not a terminal
     */
    ConsoleProgress(boolean enabled, PrintStream out, IntSupplier columns) {
        this.enabled = enabled;
        this.out = out;
        this.columns = columns;
    }

    @Override
    public void onStart(GenerativeModel model, int epoch, int epochs, int stepsPerEpoch) {
        synchronized (this) {
            this.task = "train " + model.kind();
            this.unit = "steps";
            this.epoch = epoch + 1;
            this.epochs = epochs;
            this.startStep = (long) epoch * stepsPerEpoch;
            this.current = startStep;
            this.total = (long) epochs * stepsPerEpoch;
            this.startNanos = System.nanoTime();
        }
        open();
    }

    @Override
    public void onStep(int epoch, long step, LossParts parts, double examplesPerSecond) {
        synchronized (this) {
            this.epoch = epoch;
            this.current = step;
            this.examplesPerSecond = examplesPerSecond;
            otherParts.clear();
            loss = "";
            for (Map.Entry<String, Double> e : parts.asMap().entrySet()) {
                String f = e.getKey() + " " + String.format(Locale.ROOT, "%.4g", e.getValue());
                if (loss.isEmpty()) {
                    loss = f;
                } else {
                    otherParts.add(f);
                }
            }
        }
        if (bar != null) { // outside the lock: the bar's own thread takes it to draw
            bar.stepTo(step);
        }
    }

    @Override
    public void onEpochEnd(int epoch, long step, double v, boolean best) {
        synchronized (this) {
            this.epoch = epoch;
            this.current = step;
            if (!Double.isNaN(v)) {
                valid = "valid " + String.format(Locale.ROOT, "%.4g", v) + (best ? "*" : "");
            }
        }
        if (plain) {
            out.println(String.join(SEP, fields(false)));
            out.flush();
        }
    }

    @Override
    public void onEnd() {
        end();
    }

    @Override
    public void start(String task, long total, String unit) {
        synchronized (this) {
            this.task = task;
            this.unit = unit.trim();
            this.epochs = 0;
            this.startStep = 0;
            this.current = 0;
            this.total = total;
            this.startNanos = System.nanoTime();
            this.tenthsPrinted = 0;
        }
        open();
    }

    @Override
    public void advance(long n) {
        long tenths;
        synchronized (this) {
            current += n;
            tenths = total > 0 ? Math.min(10, current * 10 / total) : 0;
        }
        if (bar != null) {
            bar.stepBy(n);
        } else if (plain && tenths > tenthsPrinted) {
            tenthsPrinted = (int) tenths;
            out.println(String.join(SEP, fields(false)));
            out.flush();
        }
    }

    @Override
    public void end() {
        if (bar != null) {
            bar.close();
            bar = null;
            if (!consumer.closed) {
                // progressbar 0.10.1 skips its final draw and newline when it closes before its
                // first scheduled draw (a run shorter than the refresh interval)
                consumer.accept(render(consumer.getMaxRenderedLength()));
                consumer.close();
            }
        }
        plain = false;
    }

    /** Starts a redrawn bar on a terminal, or plain lines elsewhere. */
    private void open() {
        if (!enabled) {
            return;
        }
        end();
        if (columns.getAsInt() <= 0) {
            plain = true;
            return;
        }
        consumer = new LineConsumer(out, columns);
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUpdateIntervalMillis(250)
                .setConsumer(consumer).setRenderer((state, width) -> render(width))
                .startsFrom(current, Duration.ZERO).build();
    }

    private String render(int width) {
        return pad(fit(fields(true), fraction(), width), width);
    }

    /** The library's carriage-return consumer, as wide as the terminal is now. */
    private static final class LineConsumer extends ConsoleProgressBarConsumer {
        private final IntSupplier columns;
        private volatile boolean closed;

        LineConsumer(PrintStream out, IntSupplier columns) {
            super(out);
            this.columns = columns;
        }

        @Override
        public int getMaxRenderedLength() {
            // One column short of the width: writing the last column makes some terminals wrap.
            return Math.max(1, columns.getAsInt() - 1);
        }

        @Override
        public void close() {
            closed = true;
            super.close();
        }
    }

    /** The fields of the current line, most important first; with a bar last when {@code withBar}. */
    private synchronized List<String> fields(boolean withBar) {
        List<String> f = new ArrayList<>();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long done = current - startStep;
        if (epochs > 0) {
            f.add("ep " + epoch + "/" + epochs);
            if (!loss.isEmpty()) {
                f.add(loss);
            }
            if (!Double.isNaN(examplesPerSecond)) {
                f.add(String.format(Locale.ROOT, "%,.0f ex/s", examplesPerSecond));
            }
        } else {
            f.add(task);
            f.add(String.format(Locale.ROOT, "%,d/%,d %s", current, total, unit));
            if (done > 0 && seconds > 0) {
                f.add(String.format(Locale.ROOT, "%,.1f %s/s", done / seconds, unit));
            }
        }
        f.add("ETA " + (done > 0 ? clock(seconds / done * (total - current)) : "?"));
        if (withBar) {
            f.add(null); // the bar's place
        }
        if (!valid.isEmpty()) {
            f.add(valid);
        }
        f.addAll(otherParts);
        return f;
    }

    private synchronized double fraction() {
        return total > 0 ? Math.min(1.0, (double) current / total) : 0;
    }

    /**
     * The line for a terminal {@code width} columns wide: the longest prefix of {@code fields}
     * that fits, joined by " | ", no field cut. A {@code null} field stands for the bar: the done
     * {@code fraction} as a percentage and a bar of {@code =}, {@value #BAR} columns wide.
     */
    static String fit(List<String> fields, double fraction, int width) {
        StringBuilder sb = new StringBuilder();
        for (String f : fields) {
            int sep = sb.length() == 0 ? 0 : SEP.length();
            String field = f == null ? bar(fraction, BAR) : f;
            if (sb.length() + sep + field.length() > width) {
                break;
            }
            sb.append(sb.length() == 0 ? "" : SEP).append(field);
        }
        return sb.toString();
    }

    /** "45% [====>     ]" exactly {@code width} characters wide. */
    static String bar(double fraction, int width) {
        String pct = String.format(Locale.ROOT, "%3d%% ", (int) Math.floor(fraction * 100));
        int inner = width - pct.length() - 2;
        int full = (int) Math.floor(fraction * inner);
        StringBuilder sb = new StringBuilder(pct).append('[');
        for (int i = 0; i < inner; i++) {
            sb.append(i < full ? '=' : i == full ? '>' : ' ');
        }
        return sb.append(']').toString();
    }

    /** Pads with spaces so that a shorter line wipes out the end of the longer one before it. */
    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** Seconds as m:ss, or h:mm:ss from an hour on. */
    static String clock(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
