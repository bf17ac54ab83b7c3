package org.recsys4j.models.export;

/**
 * A SameDiff op of an inference graph that the exporters cannot translate: an op type without a
 * mapping in {@link ExportPrograms}, or a mapped type with an attribute it does not support.
 */
public final class UnsupportedOpException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String opType;
  private final String opName;
  private final String layer;

  /**
   * An error naming the op type, the op and the layer.
   *
   * @param opType the SameDiff op type, e.g. {@code matrix_band_part}
   * @param opName the op's name in the graph
   * @param layer the node (layer) that defined it, or {@code "(graph)"}
   * @param rule what is unsupported
   */
  public UnsupportedOpException(String opType, String opName, String layer, String rule) {
    super(
        "op type '"
            + opType
            + "' (SameDiff op '"
            + opName
            + "', layer '"
            + layer
            + "') cannot be exported: "
            + rule);
    this.opType = opType;
    this.opName = opName;
    this.layer = layer;
  }

  /** The SameDiff op type. */
  public String opType() {
    return opType;
  }

  /** The op's name in the graph. */
  public String opName() {
    return opName;
  }

  /** The layer that defined the op. */
  public String layer() {
    return layer;
  }
}
