package org.recsys4j.models.export;

import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.combine.LogitSum;
import org.recsys4j.models.layers.debias.PositionBiasTower;
import org.recsys4j.models.layers.interaction.FmCross;
import org.recsys4j.models.spec.Head;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.zoo.ZooModel;

/**
 * A test model for training-only and calibration parts: an FM whose logit gets a position-bias
 * tower over the numeric input (dropped at inference, or fixed at a reference value) and a head
 * trained on down-sampled negatives ({@code negativeSampleRate} 0.25, so inference adds log 0.25).
 * Exports must leave the dropped tower out and keep the correction.
 *
 * @param reference whether the tower is fixed at a reference value instead of dropped
 */
record BiasedFm(boolean reference) implements ZooModel {
  @Override
  public String name() {
    return reference ? "biased_fm_reference" : "biased_fm_dropped";
  }

  @Override
  public String label() {
    return "click";
  }

  @Override
  public ModelSpec build(FeatureSchema schema) {
    ModelBuilder b = ModelBuilder.forSchema(schema).name(name()).seed(9);
    Ref lin = b.linear(EncodedLayout.IDS);
    Ref fm = b.apply(FmCross.of("fm"), b.embed(EncodedLayout.IDS));
    Ref main = b.apply(LogitSum.of("main", 2), lin, fm);
    PositionBiasTower tower =
        reference
            ? PositionBiasTower.atReference("position_bias", 0.0, 0.0)
            : PositionBiasTower.dropped("position_bias");
    Ref logit = b.apply(tower, main, b.numeric(EncodedLayout.DENSE));
    return b.head(Head.logit("ctr", logit.name(), label()).withNegativeSampleRate(0.25)).build();
  }
}
