package org.recsys4j.models.layers;

import java.util.List;
import org.recsys4j.core.layer.Layer;

/**
 * A layer holding state that is not trained by gradients but updated by the trainer after each
 * training step (batch normalisation's moving statistics).
 *
 * <p>Each {@link StateVariable} names a graph VARIABLE (the state, present in TRAINING and
 * INFERENCE graphs alike, so copying every variable by name from a training graph to an inference
 * graph carries it over) and a batch statistic computed in the TRAINING graph. Contract for the
 * trainer:
 *
 * <ul>
 *   <li>never hand a state variable to the optimizer, nor ask for its gradient (in a TRAINING graph
 *       it does not feed the loss);
 *   <li>after every training step, evaluate each {@link StateVariable#batchStatistic()} together
 *       with the loss (for example with {@code SameDiff.calculateGradientsAndOutputs}) and apply
 *       {@link StateVariable#update} to the variable's array in place.
 * </ul>
 */
public interface StatefulLayer extends Layer {

  /** The layer's state variables with their batch statistics and update rule. */
  List<StateVariable> stateVariables();
}
