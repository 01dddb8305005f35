package dev.assocrec.functions.model;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.store.LocalModelStore;
import dev.assocrec.store.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes a stored version available as a verified local folder. A local store is verified in place
 * (no copy of possibly gigabytes); an S3 store is downloaded into the cache directory (ONNX Runtime
 * reads the external-data tables from files), where an earlier download is re-verified, not trusted.
 */
final class VersionFetcher {
    private final ModelStore store;
    private final Path cache;

    VersionFetcher(ModelStore store, Path cache) {
        this.store = store;
        this.cache = cache;
    }

    ModelVersion fetch(String version) throws IOException {
        if (store instanceof LocalModelStore local) {
            return ModelVersion.load(local.root().resolve(ArtifactLayout.MODELS_PREFIX).resolve(version));
        }
        Path dir = cache.resolve(ArtifactLayout.requireValidVersion(version));
        if (Files.isDirectory(dir)) {
            return ModelVersion.load(dir);
        }
        return store.download(version, dir);
    }
}
