package dev.assocrec.contract.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.OnnxSignature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The scoring graph of versions exported before attention moved into the graph, which serving must still accept:
 * inputs history, weights and k only, pooled = Σ weightsᵢ·context[historyᵢ] / Σ weights with the weights as given
 * (for an attention model the caller computes them), no alpha output. Made from {@link OnnxScoringGraph}'s graph by
 * swapping its pooling nodes for the earlier ones, so the coarse pass, re-scoring and certificate cannot drift apart.
 */
public final class PreAttentionGraph {
    private static final Set<String> INPUTS = Set.of(OnnxSignature.INPUT_HISTORY, OnnxSignature.INPUT_WEIGHTS,
            OnnxSignature.INPUT_K);

    private PreAttentionGraph() {}

    /** Writes the earlier two-stage {@code model.onnx} for {@code quantized} into a version folder. */
    public static void write(Path versionDir, QuantizedTargetTable quantized) throws IOException {
        try (OutputStream out = Files.newOutputStream(versionDir.resolve(ArtifactLayout.MODEL_ONNX))) {
            of(OnnxScoringGraph.twoStage(quantized, OnnxScoringGraph.DEFAULT_MARGIN).build()).writeTo(out);
        }
    }

    /** {@code served} with the earlier pooling: its nodes up to "pooled" replaced, the attention inputs and alpha gone. */
    static ModelProto of(ModelProto served) {
        GraphProto s = served.getGraph();
        GraphProto.Builder g = s.toBuilder().clearNode().clearInput().clearOutput().clearInitializer();
        s.getInputList().stream().filter(i -> INPUTS.contains(i.getName())).forEach(g::addInput);
        s.getOutputList().stream().filter(o -> !o.getName().equals(OnnxSignature.OUTPUT_ALPHA)).forEach(g::addOutput);
        g.addNode(node("Gather", List.of(OnnxSignature.INITIALIZER_CONTEXT, OnnxSignature.INPUT_HISTORY), "history_rows")
                .addAttribute(intAttr("axis", 0)));
        g.addNode(node("Unsqueeze", List.of(OnnxSignature.INPUT_WEIGHTS, "axis0"), "weights_row"));
        g.addNode(node("MatMul", List.of("weights_row", "history_rows"), "weighted_sum"));
        g.addNode(node("ReduceSum", List.of(OnnxSignature.INPUT_WEIGHTS), "weight_total").addAttribute(intAttr("keepdims", 1)));
        g.addNode(node("Max", List.of("weight_total", "tiny"), "weight_divisor"));
        g.addNode(node("Div", List.of("weighted_sum", "weight_divisor"), "pooled"));
        boolean afterPooling = false;
        for (NodeProto n : s.getNodeList()) {
            if (afterPooling) {
                g.addNode(n);
            }
            afterPooling |= n.getOutputList().contains("pooled");
        }
        Set<String> used = new HashSet<>();
        g.getNodeList().forEach(n -> used.addAll(n.getInputList()));
        s.getInitializerList().stream().filter(t -> used.contains(t.getName())).forEach(g::addInitializer);
        return served.toBuilder().setDocString(served.getDocString() + ", pooled by the given weights").setGraph(g).build();
    }

    private static NodeProto.Builder node(String op, List<String> inputs, String... outputs) {
        return NodeProto.newBuilder().setOpType(op).setName(outputs[0] + "_" + op).addAllInput(inputs)
                .addAllOutput(List.of(outputs));
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }
}
