package org.recsys4j.models.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.recsys4j.core.Check;

/**
 * One piece of a {@link StatefulLayer}'s state and its update rule, an exponential moving average:
 * {@code state ← momentum·state + (1 − momentum)·batchStatistic}.
 *
 * @param variable the graph VARIABLE holding the state, e.g. {@code bn/moving_mean}
 * @param batchStatistic the TRAINING-graph output folded into it, e.g. {@code bn/batch_mean}, of
 *     the same shape
 * @param momentum weight of the old state, in [0, 1)
 */
public record StateVariable(String variable, String batchStatistic, double momentum) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a name is null or momentum is outside [0, 1)
   */
  public StateVariable {
    Check.notNull("stateVariable.variable", variable);
    Check.notNull("stateVariable.batchStatistic", batchStatistic);
    Check.arg(momentum >= 0 && momentum < 1, variable + ".momentum", momentum, "must be in [0, 1)");
  }

  /**
   * Folds one step's batch statistic into the state, in place.
   *
   * @param state the variable's array (updated)
   * @param batch the batch statistic of the step
   * @throws IllegalArgumentException if the shapes differ
   */
  public void update(INDArray state, INDArray batch) {
    Check.arg(
        Arrays.equals(state.shape(), batch.shape()),
        batchStatistic + ".shape",
        batch.shape(),
        "must equal " + variable + ".shape=" + Arrays.toString(state.shape()));
    state.muli(momentum).addi(batch.castTo(state.dataType()).mul(1 - momentum));
  }
}
