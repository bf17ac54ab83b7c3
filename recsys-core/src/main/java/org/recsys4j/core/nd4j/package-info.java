/**
 * ND4J runtime concerns that are not graph building: keeping ND4J's console noise out of the user's
 * output ({@link org.recsys4j.core.nd4j.Nd4jConsole}) and setting ND4J's native thread count
 * ({@link org.recsys4j.core.nd4j.NativeThreads}).
 *
 * <p>Facts about ND4J 1.0.0-M2.1 these classes rely on (read from its bytecode and measured):
 *
 * <ul>
 *   <li>{@code "Added differentiated op <name>"}, one line per op each time a gradient function is
 *       built, is a {@code println(String)} on {@code System.out} inside {@code
 *       SameDiff.createGradFunction}: no logging setting reaches it.
 *   <li>{@code "Duplicate TF op mapping found for op Pow ..."} (and {@code FloorMod}) is an SLF4J
 *       WARN of logger {@code org.nd4j.imports.converters.ImportClassMapping}, once, from that
 *       class's static initialiser; {@code "No fields found for property name labelsSmoothing for
 *       class ...SigmoidCrossEntropyLoss"} is an SLF4J WARN of logger {@code
 *       org.nd4j.autodiff.functions.DifferentialFunction}. Both are harmless and belong to the
 *       application's logging configuration (library jars carry no binding): see {@link
 *       org.recsys4j.core.nd4j.Nd4jConsole#NOISY_LOGGERS}.
 *   <li>The native thread count is read from {@code OMP_NUM_THREADS} once, when the backend loads;
 *       afterwards {@code Environment.setMaxThreads} is a no-op, while {@code
 *       Environment.setMaxMasterThreads} (libnd4j's op threads) and {@code Blas.setMaxThreads}
 *       (OpenBLAS) take effect at once, for every thread.
 * </ul>
 */
package org.recsys4j.core.nd4j;
