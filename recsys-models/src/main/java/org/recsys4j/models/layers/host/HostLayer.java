package org.recsys4j.models.layers.host;

import java.util.List;
import java.util.Optional;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.layer.Shape;

/**
 * A layer that can train outside the SameDiff graph, with a hand-written forward and backward pass
 * (a {@link HostKernel}) over Java arrays.
 *
 * <p>Why: some layers do most of their work element by element over {@code B·T} rows (DIN's
 * attention unit with Dice, a GRU unrolled over T steps), where SameDiff 1.0.0-M2.1 pays an op, a
 * full-size intermediate array and a broadcast-aware backward for every primitive. A kernel does
 * the same arithmetic in a few passes and can skip masked steps.
 *
 * <p>The contract: the kernel computes exactly the function {@link Layer#define} defines in a
 * TRAINING graph, with the parameters {@code define} creates (same names, shapes and row-major
 * layout) and the same batch statistics, and its backward pass gives the gradients SameDiff would.
 * {@code HostKernelCheck} (tests) checks this against the graph for every kernel. Inference graphs,
 * exports and the scorer always use {@code define}.
 *
 * <p>The trainer runs a node on the host when the layer offers a kernel and every input of the node
 * is a lookup or another host node's output ({@code ModelGraph}); everything else stays in the
 * graph, and the host outputs enter it as variables whose gradients the graph returns.
 */
public interface HostLayer extends Layer {

  /**
   * The kernel for inputs of these shapes, or empty when this configuration trains in the graph.
   *
   * @param inputShapes the inputs' shapes, batch dimension first ({@link Shape#BATCH})
   * @param maskShape the shape of the mask passed to the node ({@code [B,T]}), when one is
   */
  Optional<HostKernel> hostKernel(List<Shape> inputShapes, Optional<Shape> maskShape);
}
