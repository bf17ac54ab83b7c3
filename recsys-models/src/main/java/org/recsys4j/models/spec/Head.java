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
 * @param name the head's name, the key of its scores
 * @param output the value the head reads (a node reference)
 * @param kind whether that value is a logit or a probability
 * @param label the label column it learns from, or {@code ""} for an output-only head
 * @param weight its weight in the total loss, at least 0
 * @param rowMask a label column of 0/1 restricting the rows it learns from, or {@code ""}
 */
public record Head(
    @JsonProperty("name") String name,
    @JsonProperty("output") String output,
    @JsonProperty("kind") HeadOutput kind,
    @JsonProperty("label") String label,
    @JsonProperty("weight") double weight,
    @JsonProperty("rowMask") String rowMask) {

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
  }

  /** A logit head learning from {@code label} with weight 1. */
  public static Head logit(String name, String output, String label) {
    return new Head(name, output, HeadOutput.LOGIT, label, 1.0, "");
  }

  /** A training-only auxiliary loss head reading a per-row loss {@code [B,1]}, with a weight. */
  public static Head auxiliary(String name, String output, double weight) {
    return new Head(name, output, HeadOutput.AUX_LOSS, "", weight, "");
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
