/**
 * The training loop as a library: {@link org.recsys4j.models.fit.FitLoop} runs a {@link
 * org.recsys4j.models.train.Trainer} over {@link org.recsys4j.core.data.BatchSource}s for a number
 * of epochs with validation (AUC, GAUC, logloss), early stopping with restore-best, a learning-rate
 * schedule (warm-up, decay), listeners and rate-limited progress logging, and returns a {@link
 * org.recsys4j.models.fit.History}. {@link org.recsys4j.models.fit.TrainingConfig} is a whole
 * training run as versioned JSON.
 */
package org.recsys4j.models.fit;
