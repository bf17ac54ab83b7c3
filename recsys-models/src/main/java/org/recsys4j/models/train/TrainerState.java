package org.recsys4j.models.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recsys4j.core.Check;
import org.recsys4j.models.params.Tensor;
import org.recsys4j.models.spec.ModelSpec;

/**
 * Everything a {@link Trainer} needs to continue training bit-identically: the model, the settings
 * it was trained with, the step (which also fixes the dropout noise of the next steps, see {@link
 * org.recsys4j.models.layers.StochasticLayer}), dense parameters and state variables, the dense
 * optimizer's slots and each table's used rows with their slots. A checkpoint is this value on
 * disk.
 *
 * <p>Immutable by convention: the maps are unmodifiable; the arrays must not be changed once shared
 * ({@link Trainer#state()} hands out copies).
 *
 * @param spec the model
 * @param config the trainer's settings when the state was taken
 * @param step training steps taken
 * @param dense dense parameters and state variables (batch-norm moving statistics) by graph name
 * @param denseSlots the dense optimizer's slot arrays by parameter name, each laid out like the
 *     parameter
 * @param tables each table's state by table name
 */
public record TrainerState(
    ModelSpec spec,
    TrainerConfig config,
    long step,
    Map<String, Tensor> dense,
    Map<String, float[][]> denseSlots,
    Map<String, TableState> tables) {

  /** Validates and copies the maps (not the arrays). */
  public TrainerState {
    Check.notNull("state.spec", spec);
    Check.notNull("state.config", config);
    Check.arg(step >= 0, "state.step", step, "must be >= 0");
    dense = Collections.unmodifiableMap(new LinkedHashMap<>(dense));
    denseSlots = Collections.unmodifiableMap(new LinkedHashMap<>(denseSlots));
    tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
  }
}
