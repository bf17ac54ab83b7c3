/**
 * Embedding layers: id tables ({@link org.recsys4j.models.layers.embedding.Embedding}),
 * value-scaled embeddings of numeric features ({@link
 * org.recsys4j.models.layers.embedding.NumericEmbedding}) and masked pooling of bags ({@link
 * org.recsys4j.models.layers.embedding.BagPooling}). Id tables live outside the SameDiff graph
 * (gather backprop is broken in SameDiff 1.0.0-M2.1); the graph starts at the rows gathered for
 * the batch. See {@link org.recsys4j.models.train.SparseTrainer}.
 */
package org.recsys4j.models.layers.embedding;
