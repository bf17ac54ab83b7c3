package org.recsys4j.models.layers;

import java.util.List;
import org.recsys4j.core.layer.LayerType;
import org.recsys4j.core.layer.LayerTypeProvider;
import org.recsys4j.models.layers.dense.Mlp;
import org.recsys4j.models.layers.combine.LogitSum;
import org.recsys4j.models.layers.interaction.FmCross;
import org.recsys4j.models.layers.interaction.LinearTerm;
import org.recsys4j.models.layers.structure.Concat;
import org.recsys4j.models.layers.structure.Flatten;

/** Registers this module's layers for JSON reading (a {@link java.util.ServiceLoader} service). */
public final class ModelLayerTypes implements LayerTypeProvider {
  /** Called by {@link java.util.ServiceLoader}. */
  public ModelLayerTypes() {}

  @Override
  public List<LayerType> layerTypes() {
    return List.of(
        LayerType.of("fm_cross", FmCross.class, FmCross.VERSION),
        LayerType.of("linear_term", LinearTerm.class, LinearTerm.VERSION),
        LayerType.of("mlp", Mlp.class, Mlp.VERSION),
        LayerType.of("logit_sum", LogitSum.class, LogitSum.VERSION),
        LayerType.of("flatten", Flatten.class, Flatten.VERSION),
        LayerType.of("concat", Concat.class, Concat.VERSION));
  }
}
