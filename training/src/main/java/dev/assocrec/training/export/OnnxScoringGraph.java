package dev.assocrec.training.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.OnnxSignature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the served scoring graph (see {@link OnnxSignature}) as an ONNX model whose two embedding
 * tables are ONNX external data: the initializers point at {@link ArtifactLayout#CONTEXT_TABLE} and
 * {@link ArtifactLayout#TARGET_TABLE} beside {@code model.onnx}, so the floats are stored once and the
 * 2 GB protobuf limit never applies. The graph, for one query:
 * <pre>
 *   pooled  = (weightsᵀ · context[history]) / max(Σ weights, tiny)     [1, D]
 *   scores  = Gemm(pooled, target, transB)  reshaped to [N]
 *   scores[history] = -inf
 *   k'      = clamp(k, 0, number of items not in the history)
 *   top_scores, top_items = TopK(scores, k')
 * </pre>
 * Clamping k to the items left (not just to N) keeps masked history items out of the answer even
 * when k asks for more. TopK is sorted and, per the ONNX spec, puts the lower index first on ties,
 * exactly as {@link dev.assocrec.contract.ReferenceScorer} does.
 */
public final class OnnxScoringGraph {
    private static final String PRODUCER = "assocrec";
    /** Smallest normal float: only reached when Σ weights is 0, where the pooled sum is 0 too. */
    private static final float TINY = Float.MIN_NORMAL;

    private final int items;
    private final int dims;

    /**
     * @param items rows of both embedding tables (N)
     * @param dims  columns of both embedding tables (D)
     */
    public OnnxScoringGraph(int items, int dims) {
        if (items <= 0 || dims <= 0) {
            throw new IllegalArgumentException("scoring graph needs items > 0 and dims > 0, was " + items + " x " + dims);
        }
        this.items = items;
        this.dims = dims;
    }

    /** Writes {@code model.onnx} into the version folder; the table files are written separately. */
    public void write(Path versionDir) throws IOException {
        try (OutputStream out = Files.newOutputStream(versionDir.resolve(ArtifactLayout.MODEL_ONNX))) {
            build().writeTo(out);
        }
    }

    public ModelProto build() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("assocrec_pooled_scoring");

        g.addInput(tensorInfo(OnnxSignature.INPUT_HISTORY, TensorProto.DataType.INT64, "n"));
        g.addInput(tensorInfo(OnnxSignature.INPUT_WEIGHTS, TensorProto.DataType.FLOAT, "n"));
        g.addInput(tensorInfo(OnnxSignature.INPUT_K, TensorProto.DataType.INT64, 1L));
        g.addOutput(tensorInfo(OnnxSignature.OUTPUT_ITEMS, TensorProto.DataType.INT64, "k_out"));
        g.addOutput(tensorInfo(OnnxSignature.OUTPUT_SCORES, TensorProto.DataType.FLOAT, "k_out"));

        g.addInitializer(externalTable(OnnxSignature.INITIALIZER_CONTEXT, ArtifactLayout.CONTEXT_TABLE));
        g.addInitializer(externalTable(OnnxSignature.INITIALIZER_TARGET, ArtifactLayout.TARGET_TABLE));
        g.addInitializer(int64Vector("axis0", 0));
        g.addInitializer(int64Vector("flat_shape", -1));
        g.addInitializer(int64Vector("zero_k", 0));
        g.addInitializer(floatVector("tiny", TINY));
        g.addInitializer(floatVector("neg_inf", Float.NEGATIVE_INFINITY));

        // Weighted mean of the history's context rows.
        g.addNode(node("Gather", in(OnnxSignature.INITIALIZER_CONTEXT, OnnxSignature.INPUT_HISTORY), "history_rows")
                .addAttribute(intAttr("axis", 0)));
        g.addNode(node("Unsqueeze", in(OnnxSignature.INPUT_WEIGHTS, "axis0"), "weights_row"));
        g.addNode(node("MatMul", in("weights_row", "history_rows"), "weighted_sum"));
        g.addNode(node("ReduceSum", in(OnnxSignature.INPUT_WEIGHTS), "weight_total")
                .addAttribute(intAttr("keepdims", 1)));
        g.addNode(node("Max", in("weight_total", "tiny"), "weight_divisor"));
        g.addNode(node("Div", in("weighted_sum", "weight_divisor"), "pooled"));

        // Inner product with every target row.
        g.addNode(node("Gemm", in("pooled", OnnxSignature.INITIALIZER_TARGET), "scores_row")
                .addAttribute(intAttr("transB", 1)));
        g.addNode(node("Reshape", in("scores_row", "flat_shape"), "scores"));

        // History items can never be recommended.
        g.addNode(node("Shape", in(OnnxSignature.INPUT_HISTORY), "history_shape"));
        g.addNode(node("Expand", in("neg_inf", "history_shape"), "history_neg_inf"));
        g.addNode(node("ScatterElements", in("scores", OnnxSignature.INPUT_HISTORY, "history_neg_inf"), "masked_scores")
                .addAttribute(intAttr("axis", 0)));

        // k clamped to [0, items left after masking].
        g.addNode(node("IsInf", in("masked_scores"), "is_masked")
                .addAttribute(intAttr("detect_positive", 0)));
        g.addNode(node("Not", in("is_masked"), "is_candidate"));
        g.addNode(node("Cast", in("is_candidate"), "candidate_flags")
                .addAttribute(intAttr("to", TensorProto.DataType.INT64_VALUE)));
        g.addNode(node("ReduceSum", in("candidate_flags"), "candidate_count")
                .addAttribute(intAttr("keepdims", 1)));
        g.addNode(node("Min", in(OnnxSignature.INPUT_K, "candidate_count"), "k_capped"));
        g.addNode(node("Max", in("k_capped", "zero_k"), "k_effective"));
        g.addNode(node("TopK", in("masked_scores", "k_effective"),
                OnnxSignature.OUTPUT_SCORES, OnnxSignature.OUTPUT_ITEMS)
                .addAttribute(intAttr("axis", 0))
                .addAttribute(intAttr("largest", 1))
                .addAttribute(intAttr("sorted", 1)));

        return ModelProto.newBuilder()
                .setIrVersion(OnnxSignature.IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxSignature.OPSET))
                .setProducerName(PRODUCER)
                .setDocString("Pooled-vector item scoring: " + items + " items x " + dims + " dims")
                .setGraph(g)
                .build();
    }

    private TensorProto externalTable(String name, String file) {
        long bytes = (long) items * dims * Float.BYTES;
        return TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(items)
                .addDims(dims)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", file))
                .addExternalData(entry("offset", "0"))
                .addExternalData(entry("length", Long.toString(bytes)))
                .build();
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static TensorProto int64Vector(String name, long value) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(1).addInt64Data(value).build();
    }

    private static TensorProto floatVector(String name, float value) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(1).addFloatData(value).build();
    }

    private static String[] in(String... names) {
        return names;
    }

    private static NodeProto.Builder node(String op, String[] inputs, String... outputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(outputs[0] + "_" + op);
        for (String i : inputs) {
            n.addInput(i);
        }
        for (String o : outputs) {
            n.addOutput(o);
        }
        return n;
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** A 1-D tensor whose single dimension is symbolic (String) or fixed (Long). */
    private static ValueInfoProto tensorInfo(String name, TensorProto.DataType type, Object dim) {
        TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
        if (dim instanceof String param) {
            d.setDimParam(param);
        } else {
            d.setDimValue((Long) dim);
        }
        TypeProto.Tensor.Builder t = TypeProto.Tensor.newBuilder()
                .setElemType(type.getNumber())
                .setShape(TensorShapeProto.newBuilder().addDim(d));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(t)).build();
    }
}
