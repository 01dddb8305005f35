package dev.assocrec.contract.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.OnnxSignature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The scoring graph of versions exported before the int8 coarse pass, which serving must still accept:
 * the served graph's pooling, then one Gemm over every target row, the history masked, top k; no
 * {@code exact} output, no int8 table and the pooling of {@link PreAttentionGraph}. Built from its pooling
 * nodes so that the two cannot drift apart.
 */
public final class ExhaustiveGraph {
    private ExhaustiveGraph() {}

    /** Writes the exhaustive {@code model.onnx} into a version folder; the float tables are written separately. */
    public static void write(Path versionDir, int items, int dims) throws IOException {
        try (OutputStream out = Files.newOutputStream(versionDir.resolve(ArtifactLayout.MODEL_ONNX))) {
            build(items, dims).writeTo(out);
        }
    }

    static ModelProto build(int items, int dims) {
        float[] ones = new float[items * dims];
        Arrays.fill(ones, 1f);
        ModelProto served = PreAttentionGraph.of(
                OnnxScoringGraph.twoStage(QuantizedTargetTable.of(new EmbeddingTable(items, dims, ones)), 0).build());
        GraphProto.Builder g = served.getGraph().toBuilder().clearNode().clearOutput().clearInitializer();
        for (NodeProto n : served.getGraph().getNodeList()) {
            g.addNode(n);
            if (n.getOutputList().contains("pooled")) {
                break;
            }
        }
        served.getGraph().getOutputList().stream()
                .filter(o -> !o.getName().equals(OnnxSignature.OUTPUT_EXACT)).forEach(g::addOutput);

        g.addNode(node("Gemm", List.of("pooled", OnnxSignature.INITIALIZER_TARGET), "scores_row").addAttribute(intAttr("transB", 1)));
        g.addNode(node("Reshape", List.of("scores_row", "flat_shape"), "scores"));
        g.addNode(node("Shape", List.of(OnnxSignature.INPUT_HISTORY), "history_shape"));
        g.addNode(node("Expand", List.of("neg_inf", "history_shape"), "history_neg_inf"));
        g.addNode(node("ScatterElements", List.of("scores", OnnxSignature.INPUT_HISTORY, "history_neg_inf"), "masked")
                .addAttribute(intAttr("axis", 0)));
        g.addNode(node("IsInf", List.of("masked"), "is_masked").addAttribute(intAttr("detect_positive", 0)));
        g.addNode(node("Not", List.of("is_masked"), "is_candidate"));
        g.addNode(node("Cast", List.of("is_candidate"), "candidate_flags")
                .addAttribute(intAttr("to", TensorProto.DataType.INT64_VALUE)));
        g.addNode(node("ReduceSum", List.of("candidate_flags"), "candidate_count").addAttribute(intAttr("keepdims", 1)));
        g.addNode(node("Min", List.of(OnnxSignature.INPUT_K, "candidate_count"), "k_capped"));
        g.addNode(node("Max", List.of("k_capped", "zero_k"), "k_effective"));
        g.addNode(node("TopK", List.of("masked", "k_effective"), OnnxSignature.OUTPUT_SCORES, OnnxSignature.OUTPUT_ITEMS)
                .addAttribute(intAttr("axis", 0)).addAttribute(intAttr("largest", 1)).addAttribute(intAttr("sorted", 1)));

        Set<String> used = new HashSet<>();
        g.getNodeList().forEach(n -> used.addAll(n.getInputList()));
        served.getGraph().getInitializerList().stream().filter(t -> used.contains(t.getName())).forEach(g::addInitializer);
        return served.toBuilder().setDocString("Pooled-vector item scoring: " + items + " items x " + dims + " dims, exhaustive")
                .setGraph(g).build();
    }

    private static NodeProto.Builder node(String op, List<String> inputs, String... outputs) {
        return NodeProto.newBuilder().setOpType(op).setName(outputs[0] + "_" + op).addAllInput(inputs)
                .addAllOutput(List.of(outputs));
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }
}
