package org.recsys4j.models.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.recsys4j.core.Check;

/**
 * A named output of a model ({@code ctr}, {@code cvr}, {@code ctcvr}) with the label it learns
 * from, its loss weight and an optional row mask.
 *
 * <p>Loss: binary cross-entropy of the head's probability against label {@code y}, weighted per row
 * by the batch's sample weight {@code w} and, when {@link #rowMask()} is set, by that label column
 * {@code m} (e.g. CVR only on clicked rows): {@code L_h = Σ_i w_i m_i ℓ(y_i, p_i) / Σ_i w_i m_i},
 * and 0 when the denominator is 0. The model's loss is {@code Σ_h weight_h · L_h}.
 *
 * <p>Down-sampling calibration: when the training data kept each negative of this head's label with
 * probability {@code r} = {@link #negativeSampleRate()} (and every positive), the model learns odds
 * inflated by {@code 1/r}. Training graphs use the head's value as it is; inference graphs (and so
 * scorers and exports) correct it: a logit {@code z} becomes {@code z + log r}, a probability
 * {@code p} becomes {@code r·p / (1 − p + r·p)}, the same correction ({@link #calibrate}). {@code r
 * = 1} (no down-sampling) changes nothing.
 *
 * @param name the head's name, the key of its scores
 * @param output the value the head reads (a node reference)
 * @param kind whether that value is a logit or a probability
 * @param label the label column it learns from, or {@code ""} for an output-only head
 * @param weight its weight in the total loss, at least 0
 * @param rowMask a label column of 0/1 restricting the rows it learns from, or {@code ""}
 * @param negativeSampleRate the share {@code r} in (0,1] of this label's negatives kept in the
 *     training data; 1 when nothing was down-sampled
 */
public record Head(
    @JsonProperty("name") String name,
    @JsonProperty("output") String output,
    @JsonProperty("kind") HeadOutput kind,
    @JsonProperty("label") String label,
    @JsonProperty("weight") double weight,
    @JsonProperty("rowMask") String rowMask,
    @JsonProperty("negativeSampleRate") double negativeSampleRate) {

  /** Validates. */
  public Head {
    Check.name("head.name", name);
    String p = "head[" + name + "].";
    Check.notNull(p + "output", output);
    Check.notNull(p + "kind", kind);
    Check.notNull(p + "label", label);
    Check.notNull(p + "rowMask", rowMask);
    Check.finite(p + "weight", weight);
    Check.nonNegative(p + "weight", weight);
    Check.arg(
        kind != HeadOutput.AUX_LOSS || label.isEmpty(),
        p + "label",
        label,
        "must be empty for an AUX_LOSS head (its value is the loss)");
    Check.arg(
        !label.isEmpty() || rowMask.isEmpty(),
        p + "rowMask",
        rowMask,
        "must be empty when the head has no label");
    Check.arg(
        negativeSampleRate > 0 && negativeSampleRate <= 1,
        p + "negativeSampleRate",
        negativeSampleRate,
        "must be in (0, 1] (the share of negatives kept in training; 1 = none dropped)");
    Check.arg(
        !label.isEmpty() || negativeSampleRate == 1,
        p + "negativeSampleRate",
        negativeSampleRate,
        "must be 1 when the head has no label");
  }

  /** A logit head learning from {@code label} with weight 1. */
  public static Head logit(String name, String output, String label) {
    return new Head(name, output, HeadOutput.LOGIT, label, 1.0, "", 1.0);
  }

  /** A probability head learning from {@code label} with weight 1. */
  public static Head probability(String name, String output, String label) {
    return new Head(name, output, HeadOutput.PROBABILITY, label, 1.0, "", 1.0);
  }

  /** An output-only head: scored, never learned from. */
  public static Head outputOnly(String name, String output, HeadOutput kind) {
    return new Head(name, output, kind, "", 0.0, "", 1.0);
  }

  /** This head learning only from rows where label column {@code mask} is 1. */
  public Head withRowMask(String mask) {
    return new Head(name, output, kind, label, weight, mask, negativeSampleRate);
  }

  /** This head with another loss weight. */
  public Head withWeight(double w) {
    return new Head(name, output, kind, label, w, rowMask, negativeSampleRate);
  }

  /**
   * This head trained on data whose negatives were kept at rate {@code r}: inference corrects the
   * score by {@code log r}.
   *
   * @throws IllegalArgumentException if {@code r} is outside (0, 1]
   */
  public Head withNegativeSampleRate(double r) {
    return new Head(name, output, kind, label, weight, rowMask, r);
  }

  /**
   * The calibrated probability of a training-distribution probability {@code p}: {@code r·p / (1 −
   * p + r·p)}, i.e. {@code σ(logit(p) + log r)}; {@code p} itself when {@code r = 1}.
   */
  public double calibrate(double p) {
    if (negativeSampleRate == 1) {
      return p;
    }
    return negativeSampleRate * p / (1 - p + negativeSampleRate * p);
  }

  /** A training-only auxiliary loss head reading a per-row loss {@code [B,1]}, with a weight. */
  public static Head auxiliary(String name, String output, double weight) {
    return new Head(name, output, HeadOutput.AUX_LOSS, "", weight, "", 1.0);
  }

  /** True if the head contributes a loss. */
  public boolean hasLoss() {
    return (!label.isEmpty() || kind == HeadOutput.AUX_LOSS) && weight > 0;
  }

  /** True if the head is scored at inference (every kind but {@link HeadOutput#AUX_LOSS}). */
  public boolean isScored() {
    return kind != HeadOutput.AUX_LOSS;
  }
}
