/**
 * Sequence layers over masked behaviour histories {@code [B,T,D]} with their mask {@code [B,T]}:
 * DIN's attention pooling, GRU, AGRU and AUGRU (DIEN), DIEN's auxiliary loss. Mean and sum pooling
 * of a history is {@link org.recsys4j.models.layers.embedding.BagPooling}.
 */
package org.recsys4j.models.layers.sequence;
