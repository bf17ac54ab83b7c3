package org.recsys4j.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recsys4j.core.json.TypedJson;

/** The one JSON form of trainer configs and optimizers: round trip, version 1, named errors. */
class TrainerConfigJsonTest {
  private static final TrainerConfig CONFIG =
      TrainerConfig.defaults()
          .withBatchSize(64)
          .withJavaThreads(1)
          .withNativeThreads(2)
          .withTableOptimizer(new Optimizer.Adam(0.02, 0.8, 0.99, 1e-7, 1e-4))
          .withTableOptimizer("user_w", new Optimizer.Ftrl(0.1, 1, 0.5, 0.01))
          .withTableOptimizer("item_w", new Optimizer.Sgd(0.3, 0))
          .withDenseOptimizer(new Optimizer.Adagrad(0.1, 0.1, 1e-8, 1e-5));

  @Test
  void roundTripsEveryOptimizer() {
    ObjectNode tree = TrainerConfigJson.toTree(CONFIG);
    assertEquals(TrainerConfigJson.VERSION, tree.get("version").asInt());
    assertEquals("ftrl", tree.get("tableOptimizers").get("user_w").get("type").asText());
    TrainerConfig back = TrainerConfigJson.fromTree(TypedJson.parseObject(tree.toString()), "t");
    assertEquals(CONFIG, back);
    assertEquals(List.of("user_w", "item_w"), List.copyOf(back.tableOptimizers().keySet()));
  }

  /** The checkpoint form before this one: optimizers by {@code kind}, overrides optional. */
  @Test
  void readsVersionOne() {
    String v1 =
        "{\"type\":\"TrainerConfig\",\"version\":1,\"batchSize\":16,"
            + "\"tableOptimizer\":{\"kind\":\"Adagrad\",\"learningRate\":0.05,"
            + "\"initialAccumulator\":1.0E-6,\"epsilon\":1.0E-8,\"l2\":0.0},"
            + "\"denseOptimizer\":{\"kind\":\"Adam\",\"learningRate\":0.001,\"beta1\":0.9,"
            + "\"beta2\":0.999,\"epsilon\":1.0E-8,\"l2\":0.0},"
            + "\"javaThreads\":1,\"nativeThreads\":1%s}";
    TrainerConfig base = TrainerConfig.defaults().withBatchSize(16).withJavaThreads(1);
    assertEquals(
        base, TrainerConfigJson.fromTree(TypedJson.parseObject(String.format(v1, "")), "t"));
    String withOverride =
        String.format(
            v1,
            ",\"tableOptimizers\":{\"user\":{\"kind\":\"Ftrl\",\"alpha\":0.1,\"beta\":1.0,"
                + "\"l1\":0.001,\"l2\":0.01}}");
    assertEquals(
        base.withTableOptimizer("user", new Optimizer.Ftrl(0.1, 1, 0.001, 0.01)),
        TrainerConfigJson.fromTree(TypedJson.parseObject(withOverride), "t"));
  }

  @Test
  void badJsonIsANamedError() {
    String json = TrainerConfigJson.toTree(CONFIG).toString();
    assertMessage(json.replace("\"javaThreads\"", "\"javaThread\""), "t.javaThread=1 is not a");
    assertMessage(json.replace(",\"nativeThreads\":2", ""), "t.nativeThreads=null is required");
    assertMessage(json.replace("\"ftrl\"", "\"lion\""), "t.tableOptimizers.user_w.type='lion'");
    assertMessage(
        json.replace("\"beta\":1.0,", ""), "t.tableOptimizers.user_w.beta=null is required");
    assertMessage(json.replace("\"beta1\":0.8", "\"beta1\":\"x\""), "t.tableOptimizer.beta1=");
    assertMessage(json.replace("\"batchSize\":64", "\"batchSize\":0"), "trainer.batchSize=0");
    assertMessage(
        json.replace("\"version\":2", "\"version\":3"), "t.version=3 is newer than this library");
    assertMessage(json.replace("TrainerConfig", "Trainer"), "t.type='Trainer' must be");
  }

  private static void assertMessage(String json, String start) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainerConfigJson.fromTree(TypedJson.parseObject(json), "t"));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
