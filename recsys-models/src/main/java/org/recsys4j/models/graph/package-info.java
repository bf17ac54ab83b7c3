/**
 * A {@link org.recsys4j.models.spec.ModelSpec} defined as a SameDiff graph for training or
 * inference ({@link org.recsys4j.models.graph.ModelGraph}), with the graph names trainers and
 * scorers feed and read.
 */
package org.recsys4j.models.graph;
