package org.recsys4j.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.RoundingMode;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Typed field reads: values, and the field named on each kind of error. */
class JsonFieldsTest {
  private static final ObjectNode N =
      (ObjectNode)
          TypedJson.parseObject(
              "{\"i\":3,\"l\":5000000000,\"d\":0.5,\"b\":true,\"s\":\"x\",\"e\":\"half_up\","
                  + "\"o\":{}}");

  @Test
  void readsEachKind() {
    assertEquals(3, JsonFields.integer(N, "i", "c"));
    assertEquals(5_000_000_000L, JsonFields.longValue(N, "l", "c"));
    assertEquals(0.5, JsonFields.number(N, "d", "c"));
    assertTrue(JsonFields.bool(N, "b", "c"));
    assertEquals("x", JsonFields.text(N, "s", "c"));
    assertEquals(RoundingMode.HALF_UP, JsonFields.constant(RoundingMode.class, N, "e", "c"));
    assertTrue(JsonFields.object(N, "o", "c").isEmpty());
    JsonFields.keys(N, Set.of("i", "l", "d", "b", "s", "e", "o"), "c");
  }

  @Test
  void errorsNameTheField() {
    assertMessage(() -> JsonFields.integer(N, "l", "c"), "c.l=5000000000 must be an integer");
    assertMessage(() -> JsonFields.integer(N, "d", "c"), "c.d=0.5 must be an integer");
    assertMessage(() -> JsonFields.number(N, "s", "c"), "c.s=\"x\" must be a number");
    assertMessage(() -> JsonFields.text(N, "z", "c"), "c.z=null must be a string");
    assertMessage(() -> JsonFields.object(N, "i", "c"), "c.i=3 must be an object");
    assertMessage(
        () -> JsonFields.constant(RoundingMode.class, N, "s", "c"), "c.s='x' must be one of [UP,");
    assertMessage(() -> JsonFields.keys(N, Set.of("i"), "c"), "c.");
    assertMessage(
        () -> JsonFields.keys(N, Set.of("i", "l", "d", "b", "s", "e", "o", "q"), "c"),
        "c.q=null is required");
  }

  private static void assertMessage(Runnable r, String start) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
