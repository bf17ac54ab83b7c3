/**
 * Ranking models: the {@link org.recsys4j.models.RankingModel} contract with its sparse inputs
 * and embedding lookups. Concrete models are in {@code org.recsys4j.models.models}, layers in
 * {@code org.recsys4j.models.layers}, and the training engine in {@code
 * org.recsys4j.models.train}.
 */
package org.recsys4j.models;
