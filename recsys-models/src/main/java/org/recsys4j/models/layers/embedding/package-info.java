/**
 * Embedding layers over numeric and bag inputs: value-scaled embeddings of numeric features ({@link
 * org.recsys4j.models.layers.embedding.NumericEmbedding}) and masked pooling of bags ({@link
 * org.recsys4j.models.layers.embedding.BagPooling}). Id tables are not layers: they live outside
 * the SameDiff graph (gather backprop is broken in SameDiff 1.0.0-M2.1) and a model declares them
 * as {@link org.recsys4j.models.spec.Lookup}s; the graph starts at the rows the {@link
 * org.recsys4j.models.train.Trainer} gathers for the batch.
 */
package org.recsys4j.models.layers.embedding;
