package org.recsys4j.eval;

/**
 * Group-averaged ranking metrics from {@link RankingMetrics#compute}; each value is the unweighted
 * mean over the {@code groupsUsed} groups with at least one positive.
 *
 * @param k the cutoff
 * @param averagePrecision mean per-group average precision (PR-AUC)
 * @param ndcgAtK mean per-group NDCG@k with binary gains
 * @param recallAtK mean per-group fraction of positives ranked in the top k
 * @param hitRateAtK fraction of groups with a positive in the top k
 * @param meanReciprocalRank mean of 1 / (rank of the first positive)
 * @param groupsUsed groups with at least one positive
 * @param groupsWithoutPositive groups excluded because they have no positive
 */
public record RankingResult(
    int k,
    double averagePrecision,
    double ndcgAtK,
    double recallAtK,
    double hitRateAtK,
    double meanReciprocalRank,
    int groupsUsed,
    int groupsWithoutPositive) {}
