package org.recsys4j.models.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.recsys4j.models.graph.ModelGraph;
import org.recsys4j.models.layers.interaction.CrossNetworkV2;
import org.recsys4j.models.zoo.DcnV2;
import org.recsys4j.models.zoo.DeepFm;

/** What the translation keeps, drops and refuses. */
class ExportProgramsTest {
  @Test
  void anUnmappedOpFailsNamingItsTypeAndOp() {
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 2);
    SDVariable y = sd.math.cos(x).sum(true, 1);
    sd.updateVariableNameAndReference(y, "y");
    UnsupportedOpException e =
        assertThrows(
            UnsupportedOpException.class,
            () ->
                ExportPrograms.ofGraph(
                    sd, List.of(new ExportInput("x", ValueType.FLOAT, 2)), Map.of("p", "y")));
    assertEquals("cos", e.opType());
    assertEquals("cos", e.opName());
    assertTrue(
        e.getMessage().contains("op type 'cos' (SameDiff op 'cos', layer '(graph)')"),
        e.getMessage());
  }

  @Test
  void everyOpKnowsTheLayerThatDefinedIt() {
    ModelGraph g =
        ModelGraph.inference(
            new DeepFm("click", List.of(8), 1.0, 1).build(ExportFixtures.schema()), DataType.FLOAT);
    assertEquals("deep0", g.nodeOfOp("matmul").orElseThrow());
    assertEquals("fm", g.nodeOfOp("mul_scalar").orElseThrow());
  }

  @Test
  void theProgramReadsIdsAndNumericsGathersLookupsAndHasNoDropout() {
    ExportProgram p =
        ExportPrograms.of(ExportFixtures.snapshot(new DeepFm("click", List.of(8), 0.5, 1)));
    assertEquals(
        List.of(
            new ExportInput("ids", ValueType.INT64, 3),
            new ExportInput("dense", ValueType.FLOAT, 2)),
        p.inputs());
    assertEquals(Map.of("ctr", ModelGraph.probName("ctr")), p.outputs());
    assertTrue(
        p.ops().stream()
            .anyMatch(o -> o.kind() == OpKind.GATHER && o.output().equals("ids_emb/rows")));
    assertTrue(
        p.ops().stream()
            .noneMatch(o -> o.source().contains("dropout") || o.source().contains("random")));
    ExportConstant table =
        p.constants().stream()
            .filter(c -> c.name().equals("ids_emb/table"))
            .findFirst()
            .orElseThrow();
    int rows = (ExportFixtures.USERS + 1) + (ExportFixtures.ITEMS + 1) + (ExportFixtures.CATS + 1);
    assertEquals(List.of((long) rows, 4L), List.of(table.shape()[0], table.shape()[1]));
  }

  @Test
  void aMixtureOfExpertsCrossExportsItsGateSoftmax() {
    ExportProgram p =
        ExportPrograms.of(
            ExportFixtures.snapshot(
                new DcnV2(
                    "click",
                    CrossNetworkV2.mixture("cross", 2, 2, 2),
                    DcnV2.Structure.PARALLEL,
                    List.of(8),
                    1.0,
                    1)));
    assertTrue(p.ops().stream().anyMatch(o -> o.kind() == OpKind.SOFTMAX));
  }
}
