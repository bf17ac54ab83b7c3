package org.recsys4j.eval;

/**
 * The result of {@link GroupAuc#compute}: the GAUC value and how many groups and rows it used.
 *
 * <p>Invariants: {@code groupsSkipped == oneClassGroups + constantScoreGroups}, {@code groupsUsed
 * >= 1}, and {@code rowsUsed + rowsSkipped} is the number of input rows.
 *
 * @param value {@code sum_u w_u * AUC_u / sum_u w_u} over the used groups, in {@code [0, 1]}
 * @param groupsUsed groups that entered the mean
 * @param groupsSkipped groups left out ({@code oneClassGroups + constantScoreGroups})
 * @param rowsUsed rows belonging to used groups
 * @param rowsSkipped rows belonging to skipped groups
 * @param oneClassGroups groups whose rows all have the same label (AUC undefined)
 * @param constantScoreGroups groups with both classes whose scores are all equal (AUC 0.5, no
 *     ranking information)
 */
public record GroupAucResult(
    double value,
    int groupsUsed,
    int groupsSkipped,
    long rowsUsed,
    long rowsSkipped,
    int oneClassGroups,
    int constantScoreGroups) {}
