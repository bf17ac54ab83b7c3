/**
 * Serving: an immutable, thread-safe {@link org.recsys4j.models.serve.ScoringModel} built from a
 * {@link org.recsys4j.models.params.ModelSnapshot} that scores one user against N candidates (the
 * user's inputs given once and broadcast) or plain batches, through a fused plain-Java path for
 * LR/FM-shaped models and a pool of SameDiff inference graphs for the rest; and {@link
 * org.recsys4j.models.serve.ModelHolder}, which swaps model versions atomically.
 */
package org.recsys4j.models.serve;
