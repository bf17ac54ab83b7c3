/**
 * Ready-made models: {@link org.recsys4j.models.models.LogisticRegression} and {@link
 * org.recsys4j.models.models.FactorizationMachine}.
 */
package org.recsys4j.models.models;
