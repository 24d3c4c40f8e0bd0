package org.genzoo.eval;

import org.genzoo.core.GenerativeModel;
import org.genzoo.core.LowerBound;
import org.genzoo.core.Seeds;
import org.genzoo.core.ValidationScore;

/**
 * {@code iwae} and {@code elbo}: the importance-weighted lower bound L_k on log p(x) (Burda et al.
 * 2015, equation 8) with {@code --k} samples, and its k = 1 case, the evidence lower bound of the
 * VAE (Kingma &amp; Welling 2013, equation 3). Both are lower bounds on log p, so their NLLs are
 * upper bounds, and ELBO ≤ L_k ≤ log p in expectation; reported side by side they show how much
 * of the gap the importance samples close.
 */
final class ImportanceBound implements Estimator {
    /** With {@code --k} importance samples. */
    static final ImportanceBound IWAE = new ImportanceBound(false);
    /** With one sample: the ELBO. */
    static final ImportanceBound ELBO = new ImportanceBound(true);

    private final boolean elbo;

    private ImportanceBound(boolean elbo) {
        this.elbo = elbo;
    }

    @Override
    public String name() {
        return elbo ? "elbo" : "iwae";
    }

    @Override
    public String summary() {
        return elbo ? "the evidence lower bound (Kingma & Welling 2013): an upper bound on the NLL"
                : "the importance-weighted bound with --k samples (Burda et al. 2015): an upper bound on the NLL";
    }

    @Override
    public Class<?> capability() {
        return LowerBound.class;
    }

    @Override
    public boolean likelihood() {
        return true;
    }

    /** The ELBO, one sample per example, is cheap enough to watch every epoch; IWAE is not. */
    @Override
    public ValidationScore validation(GenerativeModel model) {
        LowerBound lb = (LowerBound) model;
        return elbo ? Estimators.score("-ELBO", x -> lb.lowerBound(x, 1).neg()) : null;
    }

    @Override
    public Estimate estimate(EvalContext c) {
        LowerBound lb = (LowerBound) c.model();
        int k = elbo ? 1 : c.options().iwaeK();
        // rows per batch: at least one importance sample of each must fit the budget
        int rows = c.options().memory().fit(lb.boundBytesPerSample(), 100);
        String text = elbo ? "ELBO" : k == 1 ? "IWAE k=1 (the ELBO)" : "IWAE k=" + k;
        Seeds.seedEngine(c.options().seed(), elbo ? "eval-elbo" : "eval-nll", 0);
        float[] ll = c.scoreRows(rows, x -> lb.lowerBound(x, k, c.options().memory()), text);
        return new Estimate(c.nllMetrics(ll, text + c.scope(), Metric.BOUND), ll, EvalContext.column(Metric.BOUND));
    }
}
