package org.recsys4j.models.export;

/**
 * The operations of an {@link ExportProgram}: what every SameDiff op of an inference graph is
 * translated into, and what each exporter maps to its format. Binary element-wise ops broadcast
 * like NumPy (as ND4J, ONNX and TensorFlow do). {@link ExportOp#ints()} carries the integer
 * attribute where the kind has one.
 */
public enum OpKind {
  /** {@code a + b}. */
  ADD,
  /** {@code a − b}. */
  SUB,
  /** {@code a · b}. */
  MUL,
  /** {@code a / b}. */
  DIV,
  /** {@code a ^ b}. */
  POW,
  /** {@code max(a, b)}. */
  MAX,
  /** {@code min(a, b)}. */
  MIN,
  /** {@code −x}. */
  NEG,
  /** {@code |x|}. */
  ABS,
  /** {@code e^x}. */
  EXP,
  /** {@code ln x}. */
  LOG,
  /** {@code √x}. */
  SQRT,
  /** {@code 1/√x}. */
  RSQRT,
  /** {@code x²}. */
  SQUARE,
  /** {@code 1/x}. */
  RECIPROCAL,
  /** {@code σ(x)}. */
  SIGMOID,
  /** {@code tanh x}. */
  TANH,
  /** {@code max(x, 0)}. */
  RELU,
  /** Softmax along the last axis ({@code ints[0]} = rank − 1). */
  SOFTMAX,
  /** {@code x}. */
  IDENTITY,
  /** Matrix product of the last two axes, batched over leading axes. */
  MATMUL,
  /** Sum over axes {@code ints}; {@link ExportOp#keepDims()}. */
  REDUCE_SUM,
  /** Mean over axes {@code ints}; {@link ExportOp#keepDims()}. */
  REDUCE_MEAN,
  /** Maximum over axes {@code ints}; {@link ExportOp#keepDims()}. */
  REDUCE_MAX,
  /** Reshape to {@code ints} (one entry may be −1). */
  RESHAPE,
  /** Transpose by permutation {@code ints}. */
  TRANSPOSE,
  /** Concatenation of the inputs along axis {@code ints[0]}. */
  CONCAT,
  /** Insert a size-1 axis at {@code ints[0]}. */
  EXPAND_DIMS,
  /** Remove the size-1 axes {@code ints}. */
  SQUEEZE,
  /** Gather {@code inputs[0]} at int64 indices {@code inputs[1]} along axis {@code ints[0]}. */
  GATHER,
  /** Cast to {@link ExportOp#type()}. */
  CAST,
  /** {@code cond ? a : b} with a boolean condition. */
  WHERE,
  /** {@code a > b}, boolean. */
  GREATER,
  /** {@code a < b}, boolean. */
  LESS,
  /** {@code a == b}, boolean. */
  EQUAL,
  /** {@code min(max(x, lo), hi)} with scalar {@code inputs[1]}, {@code inputs[2]}. */
  CLIP,
  /** Repeat {@code x} {@code ints[i]} times along axis {@code i}. */
  TILE,
  /**
   * {@code x[begin:end:stride]} per axis: {@code ints} holds {@code rank} begins, then {@code rank}
   * ends (clamped to the axis), then {@code rank} strides (all positive).
   */
  SLICE
}
