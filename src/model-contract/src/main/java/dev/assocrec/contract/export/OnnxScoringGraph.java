package dev.assocrec.contract.export;

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
import dev.assocrec.contract.EventType;
import dev.assocrec.contract.OnnxSignature;
import dev.assocrec.contract.PoolingConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the served scoring graph (see {@link OnnxSignature}) as an ONNX model whose embedding
 * tables are ONNX external data: the initializers point at {@link ArtifactLayout#CONTEXT_TABLE},
 * {@link ArtifactLayout#TARGET_TABLE} and {@link ArtifactLayout#QUANTIZED_TARGET_TABLE} beside
 * {@code model.onnx}, so the tables are stored once and the 2 GB protobuf limit never applies.
 *
 * <p>The two-stage graph ({@link #twoStage}), for one query:
 * <pre>
 *   rows    = context[history]                                                    [n, D]
 *   e       = attend ? rows·v + b[event_types] + g·ages : 0                       [n]
 *   w       = weights · exp(e − max{eᵢ : weightsᵢ > 0}), 0 where weights is 0    [n]
 *   alpha   = w / max(Σ w, tiny);   pooled = (wᵀ · rows) / max(Σ w, tiny)         [n], [1, D]
 *   coarse:  q, s, z = DynamicQuantizeLinear(pooled)        (uint8, û = s·(q − z))
 *            c = MatMulInteger(q, target_i8, z)              int32 [1, N], ĉ = s·scale·c
 *            candidates = TopK(c, k' = min(k + |history| + margin, N)), sorted by index
 *   exact:   scores = Gemm(pooled, target[candidates], transB)   (float32, as a full scan)
 *            history candidates masked with -inf, k clamped to the candidates left
 *            top_scores, top_items = TopK(scores, k)
 *   exact?   k-th top score > k'-th coarse score + E,   or k' = N
 *            E = ||pooled − û||·T + ||û||·R  (+ float32 rounding allowance)
 * </pre>
 * with v, b, g the manifest's learned attention (zeros for mean and weighted models, whose weights arrive final)
 * and T the largest target row norm and R the largest row quantisation error
 * ({@link QuantizedTargetTable}). Every item's true score is within E of its coarse score
 * (|u·t − û·t̂| ≤ ||u − û||·||t|| + ||û||·||t − t̂||), so when the certificate holds no item outside
 * the candidates can reach the k-th returned score and the answer is the full scan's, ties
 * included. When it fails the answer may be wrong and the caller must rank by a full scan.
 * The int8 pass reads a quarter of the bytes of the float table: the scan is memory-bound.
 *
 * <p>It clamps k to the items not in the history, so masked items never appear even when k asks
 * for more; TopK is sorted and, per the ONNX spec, puts the lower index first on ties, exactly as
 * {@link dev.assocrec.contract.ReferenceScorer} does. (Versions exported before the coarse pass hold an
 * exhaustive graph, one Gemm over every target row and no certificate; serving still accepts them.)
 */
public final class OnnxScoringGraph {
    /** Extra coarse candidates beyond k + |history|: room for the int8 ranking to be slightly off. */
    public static final int DEFAULT_MARGIN = 64;

    private static final String PRODUCER = "assocrec";
    /** Smallest normal float: only reached when Σ weights is 0, where the pooled sum is 0 too. */
    private static final float TINY = Float.MIN_NORMAL;
    /** Never an item index: keeps the history-membership test well-defined for an empty history. */
    private static final long NO_ITEM = -1;

    private final int items;
    private final int dims;
    private final QuantizedTargetTable quantized;
    private final int margin;
    private final PoolingConfig.Attention attention; // null: pooled by the weights input alone

    private OnnxScoringGraph(int items, int dims, QuantizedTargetTable quantized, int margin,
                             PoolingConfig.Attention attention) {
        if (items <= 0 || dims <= 0) {
            throw new IllegalArgumentException("scoring graph needs items > 0 and dims > 0, was " + items + " x " + dims);
        }
        if (margin < 0) {
            throw new IllegalArgumentException("candidate margin must be >= 0, was " + margin);
        }
        this.items = items;
        this.dims = dims;
        this.quantized = quantized;
        if (attention != null && attention.vector().size() != dims) {
            throw new IllegalArgumentException("pooling.attention.vector has " + attention.vector().size()
                    + " values but the tables have " + dims + " dimensions");
        }
        this.margin = margin;
        this.attention = attention;
    }

    /**
     * The served graph: pooling as {@code pooling} says (attention computed in the graph), int8 coarse pass, exact
     * float32 re-scoring of the candidates, certificate.
     */
    public static OnnxScoringGraph twoStage(QuantizedTargetTable quantized, int margin, PoolingConfig pooling) {
        return new OnnxScoringGraph(quantized.items(), quantized.dims(), quantized, margin, pooling.attention());
    }

    /** {@link #twoStage(QuantizedTargetTable, int, PoolingConfig)} for a model whose weights arrive final. */
    public static OnnxScoringGraph twoStage(QuantizedTargetTable quantized, int margin) {
        return twoStage(quantized, margin, PoolingConfig.mean());
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
        g.addInput(tensorInfo(OnnxSignature.INPUT_EVENT_TYPES, TensorProto.DataType.INT64, "n"));
        g.addInput(tensorInfo(OnnxSignature.INPUT_AGES, TensorProto.DataType.FLOAT, "n"));
        g.addInput(tensorInfo(OnnxSignature.INPUT_ATTEND, TensorProto.DataType.BOOL, 1L));
        g.addInput(tensorInfo(OnnxSignature.INPUT_K, TensorProto.DataType.INT64, 1L));
        g.addOutput(tensorInfo(OnnxSignature.OUTPUT_ITEMS, TensorProto.DataType.INT64, "k_out"));
        g.addOutput(tensorInfo(OnnxSignature.OUTPUT_SCORES, TensorProto.DataType.FLOAT, "k_out"));

        g.addInitializer(externalTable(OnnxSignature.INITIALIZER_CONTEXT, ArtifactLayout.CONTEXT_TABLE,
                TensorProto.DataType.FLOAT, items, dims, Float.BYTES));
        g.addInitializer(externalTable(OnnxSignature.INITIALIZER_TARGET, ArtifactLayout.TARGET_TABLE,
                TensorProto.DataType.FLOAT, items, dims, Float.BYTES));
        g.addInitializer(int64Vector("axis0", 0));
        g.addInitializer(int64Vector("flat_shape", -1));
        g.addInitializer(int64Vector("zero_k", 0));
        g.addInitializer(floatVector("tiny", TINY));
        g.addInitializer(floatVector("neg_inf", Float.NEGATIVE_INFINITY));

        g.addNode(node("Gather", in(OnnxSignature.INITIALIZER_CONTEXT, OnnxSignature.INPUT_HISTORY), "history_rows")
                .addAttribute(intAttr("axis", 0)));
        attentionWeights(g);
        // Weighted mean of the history's context rows; every pooling node ends before "pooled".
        g.addNode(node("Unsqueeze", in("pooling_weights", "axis0"), "weights_row"));
        g.addNode(node("MatMul", in("weights_row", "history_rows"), "weighted_sum"));
        g.addNode(node("ReduceSum", in("pooling_weights"), "weight_total")
                .addAttribute(intAttr("keepdims", 1)));
        g.addNode(node("Max", in("weight_total", "tiny"), "weight_divisor"));
        g.addNode(node("Div", in("pooling_weights", "weight_divisor"), OnnxSignature.OUTPUT_ALPHA));
        g.addNode(node("Div", in("weighted_sum", "weight_divisor"), "pooled"));

        g.addOutput(tensorInfo(OnnxSignature.OUTPUT_EXACT, TensorProto.DataType.BOOL, 1L));
        g.addOutput(tensorInfo(OnnxSignature.OUTPUT_ALPHA, TensorProto.DataType.FLOAT, "n"));
        coarsePass(g);
        exactPass(g);
        certificate(g);

        return ModelProto.newBuilder()
                .setIrVersion(OnnxSignature.IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxSignature.OPSET))
                .setProducerName(PRODUCER)
                .setDocString("Pooled-vector item scoring: " + items + " items x " + dims + " dims"
                        + (attention == null ? "" : ", attention pooling") + ", int8 coarse pass, candidate margin " + margin)
                .setGraph(g)
                .build();
    }

    /**
     * pooling_weights = weights · exp(e − max e) over the entries of positive weight, e the attention logits when
     * attend is true, else 0 (then pooling_weights = weights exactly). Zero-weight entries take the lowest float as
     * their logit, so they neither set the maximum nor overflow: exp gives 0, or 1 times their weight 0.
     */
    private void attentionWeights(GraphProto.Builder g) {
        float[] vector = attention == null ? new float[dims] : attention.vectorArray();
        float[] typeBias = new float[OnnxSignature.EVENT_TYPE_IDS];
        float slope = 0;
        if (attention != null) {
            for (EventType t : EventType.values()) {
                typeBias[(int) OnnxSignature.eventTypeId(t)] = (float) attention.bias(t);
            }
            slope = (float) attention.recencySlope();
        }
        g.addInitializer(floatTensor(OnnxSignature.INITIALIZER_ATTENTION_VECTOR, vector, dims, 1));
        g.addInitializer(floatTensor(OnnxSignature.INITIALIZER_ATTENTION_TYPE_BIAS, typeBias, typeBias.length));
        g.addInitializer(int64Vector("logit_axis", 1));
        g.addInitializer(floatScalar(OnnxSignature.INITIALIZER_ATTENTION_RECENCY_SLOPE, slope));
        g.addInitializer(floatVector("no_logit", 0f));
        g.addInitializer(floatVector("no_weight", 0f));
        g.addInitializer(floatVector("lowest_logit", -Float.MAX_VALUE));

        // A [D, 1] vector and a Squeeze rather than a 1-D MatMul operand: ONNX Runtime refuses the latter for n = 0.
        g.addNode(node("MatMul", in("history_rows", OnnxSignature.INITIALIZER_ATTENTION_VECTOR), "logit_from_row_column"));
        g.addNode(node("Squeeze", in("logit_from_row_column", "logit_axis"), "logit_from_row"));
        g.addNode(node("Gather", in(OnnxSignature.INITIALIZER_ATTENTION_TYPE_BIAS, OnnxSignature.INPUT_EVENT_TYPES),
                "logit_from_type").addAttribute(intAttr("axis", 0)));
        g.addNode(node("Mul", in(OnnxSignature.INPUT_AGES, OnnxSignature.INITIALIZER_ATTENTION_RECENCY_SLOPE),
                "logit_from_age"));
        g.addNode(node("Add", in("logit_from_row", "logit_from_type"), "logit_row_type"));
        g.addNode(node("Add", in("logit_row_type", "logit_from_age"), "attention_logits"));
        g.addNode(node("Where", in(OnnxSignature.INPUT_ATTEND, "attention_logits", "no_logit"), "logits"));
        g.addNode(node("Greater", in(OnnxSignature.INPUT_WEIGHTS, "no_weight"), "is_pooled"));
        g.addNode(node("Where", in("is_pooled", "logits", "lowest_logit"), "pooled_logits"));
        // The appended lowest value keeps the maximum defined for an empty or all-zero history.
        g.addNode(node("Concat", in("pooled_logits", "lowest_logit"), "logits_or_lowest")
                .addAttribute(intAttr("axis", 0)));
        g.addNode(node("ReduceMax", in("logits_or_lowest"), "logit_max").addAttribute(intAttr("keepdims", 1)));
        g.addNode(node("Sub", in("pooled_logits", "logit_max"), "shifted_logits"));
        g.addNode(node("Exp", in("shifted_logits"), "logit_scale"));
        g.addNode(node("Mul", in(OnnxSignature.INPUT_WEIGHTS, "logit_scale"), "pooling_weights"));
    }

    /** int8 scores of every item, and the k' best item indices in ascending index order. */
    private void coarsePass(GraphProto.Builder g) {
        g.addInitializer(externalTable(OnnxSignature.INITIALIZER_TARGET_INT8, ArtifactLayout.QUANTIZED_TARGET_TABLE,
                TensorProto.DataType.INT8, dims, items, Byte.BYTES));
        g.addInitializer(int64Vector("margin", margin));
        g.addInitializer(int64Vector("item_count", items));
        g.addInitializer(int64Vector("one_k", 1));

        g.addNode(node("DynamicQuantizeLinear", in("pooled"), "pooled_q", "pooled_scale", "pooled_zero"));
        // B is a constant initializer, so ONNX Runtime pre-packs it once at session start.
        g.addNode(node("MatMulInteger", in("pooled_q", OnnxSignature.INITIALIZER_TARGET_INT8, "pooled_zero"),
                "coarse_scores"));

        // k' = clamp(k + |history| + margin, 1, N): enough candidates for k non-history items plus the margin.
        g.addNode(node("Shape", in(OnnxSignature.INPUT_HISTORY), "history_shape"));
        g.addNode(node("Add", in(OnnxSignature.INPUT_K, "history_shape"), "k_plus_history"));
        g.addNode(node("Add", in("k_plus_history", "margin"), "k_wanted"));
        g.addNode(node("Min", in("k_wanted", "item_count"), "k_wanted_capped"));
        g.addNode(node("Max", in("k_wanted_capped", "one_k"), "candidate_k"));
        g.addNode(node("TopK", in("coarse_scores", "candidate_k"), "coarse_top", "coarse_top_items")
                .addAttribute(intAttr("axis", -1))
                .addAttribute(intAttr("largest", 1))
                .addAttribute(intAttr("sorted", 1)));
        // Ascending index order, so the exact TopK's tie rule (lower position first) is lower index first.
        g.addNode(node("Reshape", in("coarse_top_items", "flat_shape"), "candidates_by_coarse"));
        g.addNode(node("TopK", in("candidates_by_coarse", "candidate_k"), "candidates", "candidates_order")
                .addAttribute(intAttr("axis", 0))
                .addAttribute(intAttr("largest", 0))
                .addAttribute(intAttr("sorted", 1)));
    }

    /** float32 scores of the candidates, history masked, top k. */
    private void exactPass(GraphProto.Builder g) {
        g.addInitializer(int64Vector("no_item", NO_ITEM));
        g.addInitializer(int64Vector("axis1", 1));

        g.addNode(node("Gather", in(OnnxSignature.INITIALIZER_TARGET, "candidates"), "candidate_rows")
                .addAttribute(intAttr("axis", 0)));
        g.addNode(node("Gemm", in("pooled", "candidate_rows"), "candidate_scores_row")
                .addAttribute(intAttr("transB", 1)));
        g.addNode(node("Reshape", in("candidate_scores_row", "flat_shape"), "candidate_scores"));

        // History items can never be recommended: candidates equal to any history entry get -inf.
        g.addNode(node("Concat", in(OnnxSignature.INPUT_HISTORY, "no_item"), "history_or_none")
                .addAttribute(intAttr("axis", 0)));
        g.addNode(node("Unsqueeze", in("candidates", "axis1"), "candidates_column"));
        g.addNode(node("Unsqueeze", in("history_or_none", "axis0"), "history_row"));
        g.addNode(node("Equal", in("candidates_column", "history_row"), "is_history_entry"));
        g.addNode(node("Cast", in("is_history_entry"), "history_entry_flags")
                .addAttribute(intAttr("to", TensorProto.DataType.INT32_VALUE)));
        g.addNode(node("ReduceMax", in("history_entry_flags"), "history_flags")
                .addAttribute(intsAttr("axes", 1))
                .addAttribute(intAttr("keepdims", 0)));
        g.addNode(node("Cast", in("history_flags"), "is_history")
                .addAttribute(intAttr("to", TensorProto.DataType.BOOL_VALUE)));
        g.addNode(node("Where", in("is_history", "neg_inf", "candidate_scores"), "masked_candidate_scores"));
        topKOfUnmasked(g, "masked_candidate_scores", "top_positions");
        g.addNode(node("Gather", in("candidates", "top_positions"), OnnxSignature.OUTPUT_ITEMS)
                .addAttribute(intAttr("axis", 0)));
    }

    /**
     * exact = k-th returned score > k'-th coarse score + E, or every item was a candidate. The
     * allowance for float32 rounding, ||pooled||·T·2(D+16)·2⁻²⁴, covers the rounding of the D-term
     * dot products (at most D·2⁻²⁴·||pooled||·||t||) and of the few operations on the bound itself.
     */
    private void certificate(GraphProto.Builder g) {
        float rounding = (float) (2.0 * (dims + 16) * Math.pow(2, -24));
        g.addInitializer(floatScalar("table_scale", quantized.scale()));
        g.addInitializer(floatScalar("max_row_norm", quantized.maxRowNorm()));
        g.addInitializer(floatScalar("max_row_error", quantized.maxRowError()));
        g.addInitializer(floatScalar("bound_slack", 1f + 0x1p-10f));
        g.addInitializer(floatScalar("rounding_allowance", quantized.maxRowNorm() * rounding));
        g.addInitializer(floatVector("pos_inf", Float.POSITIVE_INFINITY));

        // The k-th returned score (+inf when nothing is returned: nothing to certify).
        g.addNode(node("Concat", in(OnnxSignature.OUTPUT_SCORES, "pos_inf"), "top_scores_or_inf")
                .addAttribute(intAttr("axis", 0)));
        g.addNode(node("ReduceMin", in("top_scores_or_inf"), "kth_score")
                .addAttribute(intAttr("keepdims", 0)));

        // The k'-th coarse score in score units: s·scale·c.
        g.addNode(node("ReduceMin", in("coarse_top"), "kprime_coarse_int")
                .addAttribute(intAttr("keepdims", 0)));
        g.addNode(node("Cast", in("kprime_coarse_int"), "kprime_coarse_raw")
                .addAttribute(intAttr("to", TensorProto.DataType.FLOAT_VALUE)));
        g.addNode(node("Mul", in("pooled_scale", "table_scale"), "coarse_unit"));
        g.addNode(node("Mul", in("kprime_coarse_raw", "coarse_unit"), "kprime_coarse"));

        // E from the dequantised pooled vector û = s·(q − z).
        g.addNode(node("Cast", in("pooled_q"), "pooled_q_float")
                .addAttribute(intAttr("to", TensorProto.DataType.FLOAT_VALUE)));
        g.addNode(node("Cast", in("pooled_zero"), "pooled_zero_float")
                .addAttribute(intAttr("to", TensorProto.DataType.FLOAT_VALUE)));
        g.addNode(node("Sub", in("pooled_q_float", "pooled_zero_float"), "pooled_levels"));
        g.addNode(node("Mul", in("pooled_levels", "pooled_scale"), "pooled_dequantized"));
        g.addNode(node("Sub", in("pooled", "pooled_dequantized"), "pooled_error"));
        g.addNode(node("ReduceL2", in("pooled_error"), "pooled_error_norm").addAttribute(intAttr("keepdims", 0)));
        g.addNode(node("ReduceL2", in("pooled_dequantized"), "dequantized_norm").addAttribute(intAttr("keepdims", 0)));
        g.addNode(node("ReduceL2", in("pooled"), "pooled_norm").addAttribute(intAttr("keepdims", 0)));
        g.addNode(node("Mul", in("pooled_error_norm", "max_row_norm"), "error_from_pooled"));
        g.addNode(node("Mul", in("dequantized_norm", "max_row_error"), "error_from_table"));
        g.addNode(node("Add", in("error_from_pooled", "error_from_table"), "quantization_error"));
        g.addNode(node("Mul", in("quantization_error", "bound_slack"), "quantization_bound"));
        g.addNode(node("Mul", in("pooled_norm", "rounding_allowance"), "rounding_bound"));
        g.addNode(node("Add", in("quantization_bound", "rounding_bound"), "error_bound"));
        g.addNode(node("Add", in("kprime_coarse", "error_bound"), "outside_bound"));

        g.addNode(node("Greater", in("kth_score", "outside_bound"), "beats_outside"));
        g.addNode(node("Equal", in("candidate_k", "item_count"), "all_candidates"));
        g.addNode(node("Or", in("beats_outside", "all_candidates"), OnnxSignature.OUTPUT_EXACT));
    }

    /** top_scores and {@code itemsOut} = TopK of {@code scores} with k clamped to [0, finite entries]. */
    private static void topKOfUnmasked(GraphProto.Builder g, String scores, String itemsOut) {
        g.addNode(node("IsInf", in(scores), scores + "_is_masked")
                .addAttribute(intAttr("detect_positive", 0)));
        g.addNode(node("Not", in(scores + "_is_masked"), scores + "_is_candidate"));
        g.addNode(node("Cast", in(scores + "_is_candidate"), scores + "_candidate_flags")
                .addAttribute(intAttr("to", TensorProto.DataType.INT64_VALUE)));
        g.addNode(node("ReduceSum", in(scores + "_candidate_flags"), scores + "_candidate_count")
                .addAttribute(intAttr("keepdims", 1)));
        g.addNode(node("Min", in(OnnxSignature.INPUT_K, scores + "_candidate_count"), "k_capped"));
        g.addNode(node("Max", in("k_capped", "zero_k"), "k_effective"));
        g.addNode(node("TopK", in(scores, "k_effective"), OnnxSignature.OUTPUT_SCORES, itemsOut)
                .addAttribute(intAttr("axis", 0))
                .addAttribute(intAttr("largest", 1))
                .addAttribute(intAttr("sorted", 1)));
    }

    private static TensorProto externalTable(String name, String file, TensorProto.DataType type, int rows, int cols,
                                             int elementBytes) {
        long bytes = (long) rows * cols * elementBytes;
        return TensorProto.newBuilder()
                .setName(name)
                .setDataType(type.getNumber())
                .addDims(rows)
                .addDims(cols)
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

    private static TensorProto floatTensor(String name, float[] values, long... shape) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : shape) {
            t.addDims(d);
        }
        for (float v : values) {
            t.addFloatData(v);
        }
        return t.build();
    }

    private static TensorProto floatScalar(String name, float value) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addFloatData(value).build();
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

    private static AttributeProto intsAttr(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
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
