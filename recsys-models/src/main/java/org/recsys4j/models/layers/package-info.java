/**
 * Layers of recsys4j, filed by role: {@code embedding}, {@code interaction}, {@code dense}; plus
 * shared mask helpers. Every layer implements {@link org.recsys4j.core.layer.Layer}.
 */
package org.recsys4j.models.layers;
