/**
 * The sparse training engine. {@link org.recsys4j.models.train.Trainer} trains a {@link
 * org.recsys4j.models.spec.ModelSpec}: embedding tables ({@link
 * org.recsys4j.models.train.SparseTable}) live in Java arrays outside the SameDiff graph; each step
 * stages the batch ({@code BatchStager}: checks, per-table dedupe, gathers), lets SameDiff compute
 * the gradients of the gathered rows and of the dense parameters, and applies a row-wise {@link
 * org.recsys4j.models.train.Optimizer} to the touched rows only, so a step costs the same whatever
 * the number of rows. Prediction is thread-safe and never changes a table.
 */
package org.recsys4j.models.train;
