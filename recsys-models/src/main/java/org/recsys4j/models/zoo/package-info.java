/**
 * The model zoo: each model a record of hyperparameters whose {@code build(schema)} is a short
 * recipe on {@link org.recsys4j.models.builder.ModelBuilder}.
 */
package org.recsys4j.models.zoo;
