package org.recsys4j.models.zoo;

import java.util.List;
import org.recsys4j.core.Check;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.multitask.EsmmProduct;
import org.recsys4j.models.spec.Head;
import org.recsys4j.models.spec.HeadOutput;
import org.recsys4j.models.spec.ModelSpec;

/**
 * ESMM (Ma et al., SIGIR 2018): shared embeddings, a CTR tower and a CVR tower, and {@code pCTCVR =
 * pCTR · pCVR} ({@link EsmmProduct}). Heads: {@code ctr} (a logit, learning from the click label),
 * {@code cvr} (a logit, output only: never learned from on clicked rows alone) and {@code ctcvr} (a
 * probability, learning from the conversion label); both losses run over all exposures, so the CVR
 * tower is trained over the entire space through the product.
 *
 * @param clickLabel the click label column
 * @param conversionLabel the conversion label column (1 only on clicked rows: see {@link
 *     #checkLabels})
 * @param hidden widths of each tower's ReLU layers
 * @param seed the seed of the initial values
 */
public record Esmm(String clickLabel, String conversionLabel, List<Integer> hidden, long seed)
    implements ZooModel {
  /** Validates and copies. */
  public Esmm {
    Check.name("esmm.clickLabel", clickLabel);
    Check.name("esmm.conversionLabel", conversionLabel);
    Check.arg(
        !clickLabel.equals(conversionLabel),
        "esmm.conversionLabel",
        conversionLabel,
        "must differ from esmm.clickLabel");
    hidden = List.copyOf(hidden);
  }

  /** ESMM on {@code click} and {@code conversion} with 64-32 towers. */
  public static Esmm of(String clickLabel, String conversionLabel) {
    return new Esmm(clickLabel, conversionLabel, List.of(64, 32), 42);
  }

  @Override
  public String name() {
    return "esmm";
  }

  @Override
  public String label() {
    return clickLabel;
  }

  @Override
  public ModelSpec build(FeatureSchema schema) {
    ModelBuilder b = TaskTowers.builder(schema, name(), seed);
    Ref shared = TaskTowers.sharedInput(b);
    Ref ctr = Towers.logit(b, "ctr_logit", Towers.hidden(b, "ctr_", shared, hidden, 1.0));
    Ref cvr = Towers.logit(b, "cvr_logit", Towers.hidden(b, "cvr_", shared, hidden, 1.0));
    Ref ctcvr = b.apply(EsmmProduct.ofLogits("ctcvr"), ctr, cvr);
    return b.head("ctr", ctr, clickLabel)
        .head(Head.outputOnly("cvr", cvr.name(), HeadOutput.LOGIT))
        .head(Head.probability("ctcvr", ctcvr.name(), conversionLabel))
        .build();
  }

  /**
   * Checks that the batch's conversions are all on clicked rows: an order on an exposure that was
   * not clicked is counted by the stitcher ({@code ordersWithoutClick}) and is never a conversion,
   * so a batch holding one was built wrongly and must not be learned from silently.
   *
   * @throws IllegalArgumentException naming the label, the row and the rule
   */
  public void checkLabels(TrainingBatch batch) {
    float[] click = batch.labels().get(clickLabel);
    float[] conv = batch.labels().get(conversionLabel);
    Check.arg(
        click != null && conv != null,
        "batch.labels",
        batch.labels().keySet(),
        "must include '" + clickLabel + "' and '" + conversionLabel + "' (ESMM's two labels)");
    for (int i = 0; i < click.length; i++) {
      if (conv[i] > 0 && click[i] == 0) {
        throw new IllegalArgumentException(
            "batch.labels["
                + conversionLabel
                + "]["
                + i
                + "]="
                + conv[i]
                + " must be 0 when batch.labels["
                + clickLabel
                + "]["
                + i
                + "]=0: an order without a click is not a conversion (the stitcher counts it as"
                + " ordersWithoutClick)");
      }
    }
  }
}
