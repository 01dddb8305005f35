package dev.assocrec.functions.model;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.IntegrityCheck;
import dev.assocrec.contract.LocalFiles;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.store.LocalModelStore;
import dev.assocrec.store.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Makes a stored version available as a verified local folder. A local store is verified in place
 * (no copy of possibly gigabytes); an S3 store is downloaded into the cache directory (ONNX Runtime
 * reads the external-data tables from files), where an earlier download is re-verified, not trusted.
 * Serving checks crc32 where the manifest lists it ({@link IntegrityCheck#FAST}): sha256 would be the
 * longest step of a cold start and guards against nothing more here.
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
            return ModelVersion.load(local.root().resolve(ArtifactLayout.MODELS_PREFIX).resolve(version), IntegrityCheck.FAST);
        }
        Path dir = cache.resolve(ArtifactLayout.requireValidVersion(version));
        if (Files.isDirectory(dir)) {
            return ModelVersion.load(dir, IntegrityCheck.FAST);
        }
        return store.download(version, dir, IntegrityCheck.FAST);
    }

    /**
     * Deletes cached downloads other than the given versions, so that /tmp does not fill up with
     * every version ever served. (On Linux a file still open or mapped by a session survives deletion.)
     */
    void pruneCacheExcept(Set<String> keep) throws IOException {
        if (store instanceof LocalModelStore || !Files.isDirectory(cache)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(cache)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                if (!keep.contains(dir.getFileName().toString())) {
                    LocalFiles.deleteTree(dir);
                }
            }
        }
    }
}
