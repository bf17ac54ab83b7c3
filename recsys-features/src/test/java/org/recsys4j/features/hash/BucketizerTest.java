package org.recsys4j.features.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class BucketizerTest {
  private final Bucketizer b = Bucketizer.builder().boundaries(0.0, 10.0, 100.0).build();

  private static String failure(Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }

  @Test
  void boundaryValuesGoToTheBucketAbove() {
    assertEquals(0, b.bucket(-1.0));
    assertEquals(1, b.bucket(0.0));
    assertEquals(1, b.bucket(9.99));
    assertEquals(2, b.bucket(10.0));
    assertEquals(3, b.bucket(100.0));
    assertEquals(3, b.bucket(1e300));
    assertEquals(0, b.bucket(Double.NEGATIVE_INFINITY));
    assertEquals(3, b.bucket(Double.POSITIVE_INFINITY));
    assertEquals(1, b.bucket(-0.0), "-0.0 equals the boundary 0.0");
  }

  @Test
  void nanGoesToTheDedicatedMissingBucketByDefault() {
    assertEquals(4, b.bucket(Double.NaN));
    assertEquals(4, b.missingBucket());
    assertEquals(5, b.numBuckets());
    Bucketizer folded = b.toBuilder().missingBucket(0).build();
    assertEquals(0, folded.bucket(Double.NaN));
    assertEquals(4, folded.numBuckets());
  }

  @Test
  void toBuilderFollowsTheDefaultMissingBucketWhenBoundariesChange() {
    Bucketizer wider = b.toBuilder().boundaries(1, 2, 3, 4).build();
    assertEquals(5, wider.missingBucket());
    Bucketizer custom =
        b.toBuilder().missingBucket(2).build().toBuilder().boundaries(1, 2, 3, 4).build();
    assertEquals(2, custom.missingBucket());
  }

  @Test
  void validationNamesFieldValueAndRule() {
    assertEquals(
        "bucketizer.boundaries[2]=10.0 must be > boundaries[1]=10.0 (strictly increasing)",
        failure(() -> Bucketizer.builder().boundaries(0, 10, 10).build()));
    assertEquals(
        "bucketizer.boundaries[1]=NaN must be finite",
        failure(() -> Bucketizer.builder().boundaries(0, Double.NaN).build()));
    assertEquals(
        "bucketizer.boundaries[0]=-Infinity must be finite",
        failure(() -> Bucketizer.builder().boundaries(Double.NEGATIVE_INFINITY).build()));
    assertEquals(
        "bucketizer.boundaries.length=0 must be >= 1", failure(() -> Bucketizer.builder().build()));
    assertEquals(
        "bucketizer.missingBucket=5 must be in [0, 4]",
        failure(() -> Bucketizer.builder().boundaries(1, 2, 3).missingBucket(5).build()));
  }

  @Test
  void boundariesAreCopied() {
    double[] bounds = {1, 2};
    Bucketizer x = Bucketizer.builder().boundaries(bounds).build();
    bounds[0] = 5;
    x.boundaries()[1] = 7;
    assertArrayEquals(new double[] {1, 2}, x.boundaries());
  }

  @Test
  void jsonRoundTrip() {
    Bucketizer x = Bucketizer.builder().boundaries(-1.5, 0.1 + 0.2, 1e9).missingBucket(0).build();
    String json = x.toJson();
    assertEquals(
        "{\"type\":\"Bucketizer\",\"version\":1,\"boundaries\":[-1.5,0.30000000000000004,1.0E9],"
            + "\"missingBucket\":0}",
        json);
    assertEquals(x, Bucketizer.fromJson(json));
    assertEquals(
        "json.key='extra' is unknown; expected one of [type, version, boundaries, missingBucket]",
        failure(
            () ->
                Bucketizer.fromJson(
                    "{\"type\":\"Bucketizer\",\"version\":1,\"boundaries\":[1],\"missingBucket\":2,"
                        + "\"extra\":1}")));
    assertEquals(
        "json.version=3 must be 1",
        failure(
            () ->
                Bucketizer.fromJson(
                    "{\"type\":\"Bucketizer\",\"version\":3,\"boundaries\":[1],"
                        + "\"missingBucket\":2}")));
  }
}
