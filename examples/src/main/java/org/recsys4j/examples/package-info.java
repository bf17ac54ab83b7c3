/**
 * Runnable examples. {@link org.recsys4j.examples.FunnelFmExample} is the main one: simulated
 * funnel logs to an evaluated factorization machine. Benchmarks are in {@code
 * org.recsys4j.examples.bench}. Examples print their headline figures last, one {@code name=value}
 * per line.
 */
package org.recsys4j.examples;
