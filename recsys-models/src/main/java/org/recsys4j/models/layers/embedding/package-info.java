/**
 * Embedding layers. Tables live outside the SameDiff graph (gather backprop is broken in SameDiff
 * 1.0.0-M2.1); the graph starts at the rows gathered for the batch. See {@link
 * org.recsys4j.models.train.SparseTrainer}.
 */
package org.recsys4j.models.layers.embedding;
