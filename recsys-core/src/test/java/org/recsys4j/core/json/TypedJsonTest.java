package org.recsys4j.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TypedJsonTest {

  @Test
  void envelopeRoundTrips() {
    String json = TypedJson.envelope("Thing", 2).put("x", 1).toString();
    assertEquals("{\"type\":\"Thing\",\"version\":2,\"x\":1}", json);
    assertEquals(1, TypedJson.read(json, "Thing", 2).get("x").asInt());
  }

  @Test
  void badInputIsNamed() {
    assertTrue(fail("{\"type\":").startsWith("json must be valid JSON"));
    assertTrue(fail("{\"type\":\"Thing\",\"type\":\"Thing\",\"version\":2}").contains("Duplicate"));
    assertTrue(fail("{\"type\":\"Thing\",\"version\":2} {}").startsWith("json must be valid JSON"));
    assertEquals("json='[1]' must be a JSON object", fail("[1]"));
    assertEquals("json.type='Other' must be 'Thing'", fail("{\"type\":\"Other\",\"version\":2}"));
    assertEquals("json.version=3 must be 2", fail("{\"type\":\"Thing\",\"version\":3}"));
  }

  private static String fail(String json) {
    return assertThrows(IllegalArgumentException.class, () -> TypedJson.read(json, "Thing", 2))
        .getMessage();
  }
}
