package dev.assocrec.bench;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * Whether a 4-bit coarse pass would pay: ONNX Runtime's {@code MatMulNBits} (com.microsoft, 4-bit weights in blocks
 * along the dimensions, one float scale per item and block; {@code accuracy_level} 4 quantises the query to int8 and
 * uses the int8 dot-product kernels, 0 dequantises to float) over a seeded items × dims table, one thread, float
 * scores into a pinned buffer: the GEMV alone, before any selection or re-scoring. A speed probe only (seeded
 * weights): no certificate is computed. Run by the kernel profile's {@code int4=<block>}.
 */
final class Int4Probe {
    private Int4Probe() {}

    static void run(int items, int dims, int block) throws OrtException {
        if (block < 16 || Integer.bitCount(block) != 1 || dims % block != 0) {
            throw new IllegalArgumentException("int4 block must be a power of two >= 16 dividing dims (" + dims + "), was " + block);
        }
        int blocks = dims / block;
        Random r = new Random(1);
        byte[] packed = new byte[Math.multiplyExact(items, dims / 2)];
        r.nextBytes(packed);
        ByteBuffer scales = ByteBuffer.allocate(Math.multiplyExact(items * blocks, Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < items * blocks; i++) {
            scales.putFloat(0.01f + 0.01f * r.nextFloat());
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        System.out.printf("int4 probe: MatMulNBits, %d x %d, blocks of %d, %d MB of weights and scales, one thread%n", items,
                dims, block, (packed.length + scales.capacity()) >> 20);
        for (int level : new int[] {4, 0}) {
            byte[] model = model(items, dims, block, blocks, packed, scales.array(), level);
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.setCPUArenaAllocator(false);
                try (OrtSession session = env.createSession(model, options)) {
                    ByteBuffer query = ByteBuffer.allocateDirect(dims * Float.BYTES).order(ByteOrder.nativeOrder());
                    ByteBuffer scores = ByteBuffer.allocateDirect(items * Float.BYTES).order(ByteOrder.nativeOrder());
                    try (OnnxTensor a = OnnxTensor.createTensor(env, query.asFloatBuffer(), new long[] {1, dims});
                         OnnxTensor y = OnnxTensor.createTensor(env, scores.asFloatBuffer(), new long[] {1, items})) {
                        int n = items >= 1_000_000 ? 60 : 300;
                        double[] ms = new double[n];
                        for (int q = -n / 5; q < n; q++) {
                            for (int j = 0; j < dims; j++) {
                                query.putFloat(j * Float.BYTES, (float) r.nextGaussian());
                            }
                            long start = System.nanoTime();
                            session.run(Map.of("A", a), Map.of("Y", y)).close();
                            if (q >= 0) {
                                ms[q] = (System.nanoTime() - start) / 1e6;
                            }
                        }
                        Arrays.sort(ms);
                        System.out.printf("accuracy_level %d (%s): p50 %.3f ms, p99 %.3f ms%n", level,
                                level == 4 ? "int8 query, integer kernels" : "float", ms[n / 2],
                                ms[(int) Math.ceil(0.99 * n) - 1]);
                    }
                }
            }
        }
    }

    private static byte[] model(int items, int dims, int block, int blocks, byte[] packed, byte[] scales, int level) {
        OnnxMl.NodeProto node = OnnxMl.NodeProto.newBuilder()
                .addInput("A").addInput("B").addInput("scales").addOutput("Y")
                .setOpType("MatMulNBits").setDomain("com.microsoft")
                .addAttribute(attribute("K", dims)).addAttribute(attribute("N", items)).addAttribute(attribute("bits", 4))
                .addAttribute(attribute("block_size", block)).addAttribute(attribute("accuracy_level", level))
                .build();
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder()
                .setName("int4-probe").addNode(node)
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("B").addDims(items).addDims(blocks).addDims(block / 2)
                        .setDataType(OnnxMl.TensorProto.DataType.UINT8.getNumber()).setRawData(ByteString.copyFrom(packed)))
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("scales").addDims((long) items * blocks)
                        .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(scales)))
                .addInput(tensor("A", 1, dims)).addOutput(tensor("Y", 1, items))
                .build();
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(17))
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("com.microsoft").setVersion(1))
                .setGraph(graph).build().toByteArray();
    }

    private static OnnxMl.AttributeProto attribute(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setI(value)
                .setType(OnnxMl.AttributeProto.AttributeType.INT).build();
    }

    private static OnnxMl.ValueInfoProto tensor(String name, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape))).build();
    }
}
