package org.recsys4j.eval;

/**
 * The result of {@link PairedBootstrap#compare}: model A minus model B.
 *
 * @param auc the difference in exact AUC
 * @param groupAuc the difference in GAUC
 */
public record PairedBootstrapResult(DifferenceInterval auc, DifferenceInterval groupAuc) {}
