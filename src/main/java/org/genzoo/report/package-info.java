/**
 * Pictures and the comparison page: everything {@code genzoo compare} and the training commands
 * write for people to look at, rather than for programs to read back.
 *
 * <ul>
 *   <li>{@link org.genzoo.report.SampleGrid} — PNG grids of grey images (samples,
 *       reconstructions, side-by-side panels);
 *   <li>{@link org.genzoo.report.Plots} — scatter plots of 2-D samples, curves (loss against
 *       step, sampling time against dimension) and bar charts, drawn with XChart;
 *   <li>{@link org.genzoo.report.HtmlReport} — a self-contained {@code index.html} with the
 *       results table and the figures;
 *   <li>{@link org.genzoo.report.ComparisonTable} — the results table of {@code genzoo compare}:
 *       headers with units and direction, likelihood figures grouped by kind, the best per column;
 *   <li>{@link org.genzoo.report.TrainingLog} — a run's {@code log.csv} read back for its curves;
 *   <li>{@link org.genzoo.report.Pictures} — the picture of samples that fits the data's shape.
 * </ul>
 *
 * <p>Inputs are plain Java arrays and records (an evaluation's {@link org.genzoo.eval.Metric}s), so
 * nothing here depends on DJL or on any model. Every file is
 * written through {@link org.genzoo.core.AtomicFiles}: a reader sees the old file or the whole new
 * one. Classes that draw switch AWT to headless mode unless {@code java.awt.headless} was set.
 */
package org.genzoo.report;
