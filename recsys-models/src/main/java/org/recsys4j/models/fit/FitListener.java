package org.recsys4j.models.fit;

/**
 * Callbacks of {@link FitLoop#fit}, all on the training thread; every method does nothing by
 * default. An exception thrown by a listener stops training and propagates.
 */
public interface FitListener {
  /** Before epoch {@code epoch} (1-based) starts. */
  default void onEpochStart(int epoch) {}

  /** After each step: the trainer's step count, the batch's size and its loss. */
  default void onBatchEnd(long step, int rows, float loss) {}

  /** At most every {@link FitOptions#progressSeconds()} inside an epoch. */
  default void onProgress(Progress progress) {}

  /** After an epoch's validation. */
  default void onEpochEnd(EpochRecord record) {}

  /** Once, when training ends (normally or early), with the whole history. */
  default void onFitEnd(History history) {}
}
