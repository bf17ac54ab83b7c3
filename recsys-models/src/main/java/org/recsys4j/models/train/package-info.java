/**
 * The sparse training engine. Embedding tables ({@link org.recsys4j.models.train.EmbeddingTable})
 * live in Java arrays outside the SameDiff graph; each step gathers the batch's rows into the
 * graph, lets SameDiff compute the gradients of those rows and of the dense parameters, and
 * applies a row-wise {@link org.recsys4j.models.train.Optimizer} to the touched rows only, so a
 * step costs the same whatever the number of rows.
 */
package org.recsys4j.models.train;
