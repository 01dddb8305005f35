package dev.assocrec.functions.model;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The serving model, swapped atomically. A request leases the model it started with and keeps it
 * until it is done, so a swap never pulls a model out from under a request; the old model's ONNX
 * session closes when its last lease is returned.
 */
public final class ModelHolder {
    private final AtomicReference<LoadedModel> current = new AtomicReference<>();

    /** A model reference for the duration of one request. */
    public final class Lease implements AutoCloseable {
        private final LoadedModel model;
        private boolean open = true;

        private Lease(LoadedModel model) {
            this.model = model;
        }

        public LoadedModel model() {
            return model;
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                model.release();
            }
        }
    }

    public Lease lease() {
        while (true) {
            LoadedModel m = current.get();
            if (m == null) {
                throw new IllegalStateException("no model is loaded");
            }
            // Fails only if m was retired between get() and here; the next get() sees its successor.
            if (m.tryAcquire()) {
                return new Lease(m);
            }
        }
    }

    /** Makes {@code next} the serving model and retires the previous one. */
    public void swap(LoadedModel next) {
        LoadedModel previous = current.getAndSet(next);
        if (previous != null && previous != next) {
            previous.release();
        }
    }

    /** The serving version, or null before the first load. */
    public String currentVersion() {
        LoadedModel m = current.get();
        return m == null ? null : m.version();
    }

    public void clear() {
        swap(null);
    }
}
