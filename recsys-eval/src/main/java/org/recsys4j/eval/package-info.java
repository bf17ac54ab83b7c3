/**
 * Offline evaluation of ranking models: exact and streaming ROC AUC, user-level AUC (GAUC),
 * logloss, calibration (COPC and reliability curves), per-group ranking metrics (average precision,
 * NDCG@k, recall@k, hit rate@k, MRR), per-segment breakdowns, paired bootstrap comparison of two
 * models, and a self-contained HTML report.
 *
 * <p>Conventions shared by every class in this package:
 *
 * <ul>
 *   <li>Inputs are parallel primitive arrays indexed by row: {@code double[] scores} (any finite
 *       value unless a method asks for probabilities in {@code [0,1]}), {@code int[] labels} with
 *       values {@code 0} or {@code 1}, and, for grouped metrics, {@code long[] groupIds} (a user or
 *       request id; any {@code long}, rows of a group need not be contiguous).
 *   <li>Invalid input fails loudly with {@link IllegalArgumentException} whose message names the
 *       field, the index, the value and the rule, e.g. {@code scores[17]=NaN must be finite} or
 *       {@code labels[3]=2 must be 0 or 1}. Nothing is silently dropped or clipped unless the
 *       method's Javadoc states it (only {@link org.recsys4j.eval.LogLoss} clips).
 *   <li>Tied scores are handled deterministically and the rule is stated on each metric: AUC-type
 *       metrics count a tied positive/negative pair as one half.
 *   <li>The input arrays are never modified. Computations sort copies of primitive arrays and never
 *       box per row, so metrics over 10<sup>7</sup> rows run in about a second.
 * </ul>
 *
 * <p>This package depends on {@code recsys-core} only (and on JFreeChart for {@link
 * org.recsys4j.eval.HtmlReport}); it logs through the SLF4J API and never prints.
 */
package org.recsys4j.eval;
