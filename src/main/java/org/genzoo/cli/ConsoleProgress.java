package org.genzoo.cli;

import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.LossParts;
import org.genzoo.core.Progress;
import org.genzoo.core.TrainListener;

/** Progress bars on stderr (me.tongfei:progressbar) for training and for long evaluations. */
final class ConsoleProgress implements TrainListener, Progress {
    private final boolean enabled;
    private ProgressBar bar;
    private int epochs;
    private int stepsPerEpoch;
    private long lastStep;
    private String valid = "";

    /** @param enabled false for quiet runs (nothing is printed) */
    ConsoleProgress(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public void onStart(GenerativeModel model, int epoch, int epochs, int stepsPerEpoch) {
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        if (enabled) {
            bar = builder("train " + model.kind(), (long) epochs * stepsPerEpoch, " steps").setInitialMax(
                    (long) epochs * stepsPerEpoch).startsFrom((long) epoch * stepsPerEpoch, java.time.Duration.ZERO)
                    .build();
            lastStep = (long) epoch * stepsPerEpoch;
        }
    }

    @Override
    public void onStep(int epoch, long step, LossParts parts, double examplesPerSecond) {
        if (bar == null) {
            return;
        }
        StringBuilder sb = new StringBuilder(" ep ").append(epoch).append('/').append(epochs);
        for (Map.Entry<String, Double> e : parts.asMap().entrySet()) {
            sb.append(' ').append(e.getKey()).append(' ').append(String.format("%.4g", e.getValue()));
        }
        sb.append(String.format(" | %.0f ex/s", examplesPerSecond)).append(valid);
        bar.stepTo(step);
        lastStep = step;
        bar.setExtraMessage(sb.toString());
    }

    @Override
    public void onEpochEnd(int epoch, long step, double v, boolean best) {
        if (!Double.isNaN(v)) {
            valid = String.format(" | valid %.4g%s", v, best ? "*" : "");
        }
    }

    @Override
    public void onEnd() {
        end();
    }

    @Override
    public void start(String task, long total, String unit) {
        if (enabled) {
            bar = builder(task, total, unit).build();
        }
    }

    @Override
    public void advance(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    @Override
    public void end() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private static ProgressBarBuilder builder(String task, long total, String unit) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).setUnit(unit, 1).showSpeed().setMaxRenderedLength(160)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err));
    }
}
