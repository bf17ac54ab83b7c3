/**
 * Benchmark programs. Each prints its headline figures last, one {@code name=value} per line, and
 * reports speed as ratios against a baseline measured in the same run where it can, since absolute
 * times on shared machines are noisy.
 */
package org.recsys4j.examples.bench;
