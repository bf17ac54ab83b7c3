package org.recsys4j.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpgradersTest {
  private static ObjectNode node(String json) {
    return (ObjectNode) TypedJson.parseObject(json);
  }

  @Test
  void stepsRunInOrderFromTheNodesVersionAndTheVersionKeyIsRemoved() {
    Upgraders u =
        new Upgraders(
            "t",
            3,
            Map.of(
                1,
                    n -> {
                      n.set("b", n.remove("a"));
                      return n;
                    },
                2,
                    n -> {
                      n.put("c", n.get("b").asInt() * 10);
                      return n;
                    }));
    assertEquals(
        node("{\"type\":\"t\",\"b\":2,\"c\":20}"),
        u.upgrade(node("{\"type\":\"t\",\"version\":1,\"a\":2}"), "x"));
    assertEquals(
        node("{\"type\":\"t\",\"b\":2,\"c\":20}"),
        u.upgrade(node("{\"type\":\"t\",\"version\":2,\"b\":2}"), "x").put("c", 20));
    assertEquals(
        node("{\"type\":\"t\",\"b\":5}"),
        u.upgrade(node("{\"type\":\"t\",\"version\":3,\"b\":5}"), "x"));
  }

  @Test
  void newerMissingOrUnreachableVersionsFailNamingTheRule() {
    Upgraders u = new Upgraders("t", 3, Map.of(2, n -> n));
    assertEquals(
        "x.version=4 is newer than this library reads for type 't' (3): upgrade recsys4j",
        assertThrows(IllegalArgumentException.class, () -> u.upgrade(node("{\"version\":4}"), "x"))
            .getMessage());
    assertEquals(
        "x.version=null is required (type 't', current version 3)",
        assertThrows(IllegalArgumentException.class, () -> u.upgrade(node("{}"), "x"))
            .getMessage());
    assertEquals(
        "x.version=1 has no upgrade to 2 for type 't'; readable: [2, 3]",
        assertThrows(IllegalArgumentException.class, () -> u.upgrade(node("{\"version\":1}"), "x"))
            .getMessage());
    assertEquals(
        "x.version=\"1\" must be an integer",
        assertThrows(
                IllegalArgumentException.class, () -> u.upgrade(node("{\"version\":\"1\"}"), "x"))
            .getMessage());
  }
}
