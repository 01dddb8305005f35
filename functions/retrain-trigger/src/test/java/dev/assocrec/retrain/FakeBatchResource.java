package dev.assocrec.retrain;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts the Batch stand-in before the application and points the function's Batch client at it. */
public class FakeBatchResource implements QuarkusTestResourceLifecycleManager {
    private FakeBatch fake;

    @Override
    public Map<String, String> start() {
        try {
            fake = new FakeBatch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("assocrec.retrain.batch-endpoint", fake.endpoint().toString());
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.close();
        }
    }
}
