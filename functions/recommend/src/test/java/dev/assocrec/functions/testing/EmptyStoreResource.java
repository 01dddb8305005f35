package dev.assocrec.functions.testing;

import java.util.Map;

/** A model store to which nothing has been published, looked at every 10 minutes. */
public class EmptyStoreResource extends LocalStoreResource {
    @Override
    protected boolean publishes() {
        return false;
    }

    @Override
    protected Map<String, String> moreConfig() {
        return Map.of("assocrec.model.check-interval", "10m");
    }
}
