package dev.assocrec.functions.scoring;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The one-node ONNX model of {@link OrtCoarseKernel}, serialised by hand: {@code scores = MatMulInteger(query,
 * table, query_zero_point)} with the int8 table [dims, items] as a constant initializer (so ONNX Runtime pre-packs
 * it for its GEMM kernel at session creation). Written here rather than with the ONNX protobuf classes because the
 * function does not carry protobuf (the contract's writer needs it only in training and the bench), and the model
 * is five fields deep. Field numbers are onnx.proto's.
 */
final class CoarseModelBytes {
    static final String QUERY = "query";
    static final String SCORES = "scores";
    private static final String TABLE = "table";
    private static final String QUERY_ZERO_POINT = "query_zero_point";
    private static final int UINT8 = 2;
    private static final int INT8 = 3;
    private static final int INT32 = 6;
    /** IR version 8 / opset 13: old enough for every ONNX Runtime the function may run with (MatMulInteger is opset 10). */
    private static final int IR_VERSION = 8;
    private static final int OPSET = 13;

    private CoarseModelBytes() {}

    /** The model over {@code table}, dims × items row-major int8 levels; the query is uint8 with zero point 128. */
    static byte[] matMulInteger(byte[] table, int dims, int items) {
        if ((long) dims * items != table.length) {
            throw new IllegalArgumentException("table has " + table.length + " bytes, expected " + dims + " x " + items);
        }
        Message node = new Message()
                .string(1, QUERY).string(1, TABLE).string(1, QUERY_ZERO_POINT)
                .string(2, SCORES).string(3, "coarse").string(4, "MatMulInteger");
        Message tableHeader = new Message().int64(1, dims).int64(1, items).int64(2, INT8).string(8, TABLE);
        Message zeroPoint = new Message().int64(2, UINT8).string(8, QUERY_ZERO_POINT).bytes(9, new byte[] {(byte) 128});
        byte[] head = new Message()
                .message(1, node)
                .string(2, "assocrec-coarse")
                .message(5, zeroPoint)
                .message(11, valueInfo(QUERY, UINT8, 1, dims))
                .message(12, valueInfo(SCORES, INT32, 1, items))
                .toBytes();
        // The table's TensorProto (field 5 of GraphProto) is written last, around the caller's bytes, copied once.
        byte[] tableHead = tableHeader.toBytes();
        long tensorLength = tableHead.length + 1 + varintSize(table.length) + (long) table.length;
        long graphLength = head.length + 1 + varintSize(tensorLength) + tensorLength;
        byte[] model = new Message()
                .int64(1, IR_VERSION)
                .string(2, "assocrec")
                .message(8, new Message().int64(2, OPSET))
                .toBytes();
        long total = model.length + 1 + varintSize(graphLength) + graphLength;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a coarse table of " + table.length + " bytes is too large for one ONNX model");
        }
        Message out = new Message((int) total);
        out.raw(model);
        out.tag(7, 2).varint(graphLength);
        out.raw(head);
        out.tag(5, 2).varint(tensorLength);
        out.raw(tableHead);
        out.tag(9, 2).varint(table.length);
        out.raw(table);
        byte[] bytes = out.toBytes();
        if (bytes.length != total) {
            throw new IllegalStateException("coarse model is " + bytes.length + " bytes, expected " + total);
        }
        return bytes;
    }

    /** A ValueInfoProto: name, tensor type of {@code elemType} with fixed {@code dims}. */
    private static Message valueInfo(String name, int elemType, long... dims) {
        Message shape = new Message();
        for (long d : dims) {
            shape.message(1, new Message().int64(1, d));
        }
        Message tensor = new Message().int64(1, elemType).message(2, shape);
        return new Message().string(1, name).message(2, new Message().message(1, tensor));
    }

    private static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    /**
     * Protobuf wire format, the three kinds of field used here (varint, length-delimited bytes, nested message), into
     * a growing array; sized exactly, {@link #toBytes()} hands the array over without a copy (the table is large).
     */
    private static final class Message {
        private byte[] buf;
        private int pos;

        Message() {
            this(64);
        }

        Message(int capacity) {
            buf = new byte[capacity];
        }

        Message tag(int field, int wireType) {
            return varint((long) field << 3 | wireType);
        }

        Message varint(long v) {
            while ((v & ~0x7FL) != 0) {
                put((byte) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            return put((byte) v);
        }

        Message int64(int field, long v) {
            return tag(field, 0).varint(v);
        }

        Message bytes(int field, byte[] b) {
            tag(field, 2).varint(b.length);
            return raw(b);
        }

        Message string(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Message message(int field, Message m) {
            return bytes(field, m.toBytes());
        }

        Message raw(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
            return this;
        }

        private Message put(byte b) {
            ensure(1);
            buf[pos++] = b;
            return this;
        }

        private void ensure(int more) {
            if (buf.length - pos < more) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
            }
        }

        byte[] toBytes() {
            return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
        }
    }
}
