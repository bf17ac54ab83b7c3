package org.recsys4j.models.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recsys4j.core.Check;

/**
 * What a {@link ModelPackage} records about its model beyond the files: who wrote it, from which
 * data, and how well it did.
 *
 * @param libraryVersion the recsys4j version that wrote the package
 * @param trainingDataFrom first day (or timestamp) of the training data, ISO-8601, or {@code ""}
 * @param trainingDataTo last day (or timestamp) of the training data, ISO-8601, or {@code ""}
 * @param testMetrics metric name to value on the test data (e.g. {@code auc}, {@code logloss})
 */
public record PackageMetadata(
    @JsonProperty("libraryVersion") String libraryVersion,
    @JsonProperty("trainingDataFrom") String trainingDataFrom,
    @JsonProperty("trainingDataTo") String trainingDataTo,
    @JsonProperty("testMetrics") Map<String, Double> testMetrics) {

  /** The library version written when none is given. */
  public static final String LIBRARY_VERSION = "0.1.0-SNAPSHOT";

  /** Validates and copies. */
  public PackageMetadata {
    Check.notNull("metadata.libraryVersion", libraryVersion);
    Check.notNull("metadata.trainingDataFrom", trainingDataFrom);
    Check.notNull("metadata.trainingDataTo", trainingDataTo);
    Check.notNull("metadata.testMetrics", testMetrics);
    for (Map.Entry<String, Double> e : testMetrics.entrySet()) {
      Check.finite(
          "metadata.testMetrics[" + e.getKey() + "]", Check.notNull("metric", e.getValue()));
    }
    testMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(testMetrics));
  }

  /** Metadata of this library version for data from {@code from} to {@code to}. */
  public static PackageMetadata of(String from, String to, Map<String, Double> testMetrics) {
    return new PackageMetadata(LIBRARY_VERSION, from, to, testMetrics);
  }
}
