package org.recsys4j.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, defect 14: a hashed space of {@code Integer.MAX_VALUE} overflowed {@code rows = space +
 * 1} into {@code table[user].rows=-2147483648 must be > 0}; each spec now rejects a too-large space
 * with its own rule naming the field, the value and the maximum.
 */
class Defect14HugeSpaceIsRejectedTest {
  private static final String RULE =
      " must be <= 1073741824 (FeatureSpec.MAX_SPACE: table rows"
          + " are ints with room for a missing id)";

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void hashedCategoricalSpaceOfIntMaxIsRejectedByItsOwnRule() {
    assertEquals(
        "categorical[user].space=2147483647" + RULE,
        message(
            () ->
                FeatureSchema.builder()
                    .add(
                        CategoricalSpec.hashed("user")
                            .space(Integer.MAX_VALUE)
                            .embeddingDim(4)
                            .build())
                    .build()));
  }

  @Test
  void bagAndSequenceSpacesAreBoundedToo() {
    assertEquals(
        "bag[g].space=1073741825" + RULE,
        message(
            () ->
                BagSpec.builder("g")
                    .space(FeatureSpec.MAX_SPACE + 1)
                    .maxSize(2)
                    .embeddingDim(2)
                    .build()));
    assertEquals(
        "sequence[s].space=2147483647" + RULE,
        message(
            () ->
                SequenceSpec.builder("s")
                    .space(Integer.MAX_VALUE)
                    .maxLen(2)
                    .embeddingDim(2)
                    .build()));
  }

  @Test
  void theLargestSpaceGivesExactPositiveRows() {
    FeatureSchema s =
        FeatureSchema.builder()
            .add(
                CategoricalSpec.hashed("user").space(FeatureSpec.MAX_SPACE).embeddingDim(4).build())
            .build();
    List<TableSpec> tables = s.tables();
    assertEquals(FeatureSpec.MAX_SPACE + 1, tables.get(0).rows(), "space plus the missing id");
  }
}
