/**
 * Layers of recsys4j, filed by role: {@code embedding} (id tables, numeric and bag inputs), {@code
 * interaction} (FM, cross networks, CIN), {@code dense} (MLP, dropout, normalisation), {@code
 * combine} (logit combiners); plus shared helpers (masks, parameter and matmul helpers) and the two
 * contracts a trainer must honour beyond {@link org.recsys4j.core.layer.Layer}: {@link
 * org.recsys4j.models.layers.StochasticLayer} (noise placeholders refilled every training step) and
 * {@link org.recsys4j.models.layers.StatefulLayer} (state updated after every training step, never
 * by the optimizer).
 */
package org.recsys4j.models.layers;
