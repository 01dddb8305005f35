package dev.assocrec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.ManifestJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalModelStoreTest extends ModelStoreBehaviourTest {

    private Path root() {
        return work.resolve("store");
    }

    @Override
    ModelStore store() {
        return new LocalModelStore(root());
    }

    @Override
    ModelStore storeWithFault(int nthPut, UploadFault fault) {
        return new FaultInjectingLocalStore(root(), nthPut, fault);
    }

    @Override
    void overwriteStored(String key, byte[] content) throws IOException {
        Files.write(root().resolve(key), content);
    }

    @Test
    void pointerIsASmallJsonFileNamingTheVersion() throws IOException {
        try (ModelStore store = store()) {
            store.publish(TestVersions.write(work, "v7", 7));
        }
        var pointer = ManifestJson.MAPPER.readTree(root().resolve(ArtifactLayout.CURRENT_POINTER).toFile());
        assertEquals("v7", pointer.get("version").asText());
        assertTrue(pointer.hasNonNull("updatedAt"));
        assertTrue(Files.isRegularFile(root().resolve("models/v7/manifest.json")));
    }

    @Test
    void locationsOpenTheMatchingStore() {
        assertInstanceOf(LocalModelStore.class, ModelStores.open(root().toString()));
        assertEquals(root().toString(), ModelStores.open(root().toUri().toString()).location());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelStores.open("gs://bucket/x"));
        assertTrue(e.getMessage().contains("gs://bucket/x"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelStores.open(" "));
    }

    /** The real local store with its N-th write broken, as a full disk or a torn write would. */
    private static final class FaultInjectingLocalStore extends LocalModelStore {
        private final int faultyPut;
        private final UploadFault fault;
        private int puts;

        FaultInjectingLocalStore(Path root, int faultyPut, UploadFault fault) {
            super(root);
            this.faultyPut = faultyPut;
            this.fault = fault;
        }

        @Override
        protected void put(String key, Path source) throws IOException {
            if (++puts != faultyPut) {
                super.put(key, source);
            } else if (fault == UploadFault.FAIL) {
                throw new IOException("injected: no space left on device writing " + key);
            } else {
                byte[] bytes = Files.readAllBytes(source);
                bytes[bytes.length / 2] ^= 0x5A;
                super.putAtomically(key, bytes);
            }
        }

        @Override
        protected void putAtomically(String key, byte[] content) throws IOException {
            if (++puts == faultyPut) {
                throw new IOException("injected: no space left on device writing " + key);
            }
            super.putAtomically(key, content);
        }
    }
}
