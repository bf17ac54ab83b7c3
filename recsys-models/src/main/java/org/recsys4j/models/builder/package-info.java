/**
 * The fluent {@link org.recsys4j.models.builder.ModelBuilder}: one entry point that assembles any
 * network over a feature schema's inputs into a {@link org.recsys4j.models.spec.ModelSpec}.
 */
package org.recsys4j.models.builder;
