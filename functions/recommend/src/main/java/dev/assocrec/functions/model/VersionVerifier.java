package dev.assocrec.functions.model;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.Checksums;
import dev.assocrec.contract.Manifest;
import dev.assocrec.contract.ManifestJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks a version directory file by file against the checksums in its manifest. */
final class VersionVerifier {
    private VersionVerifier() {}

    static Manifest verify(Path dir, String expectedVersion) throws IOException {
        Path manifestFile = dir.resolve(ArtifactLayout.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException(dir + ": no " + ArtifactLayout.MANIFEST + " (not a published model version)");
        }
        Manifest manifest = ManifestJson.read(manifestFile);
        if (!manifest.version().equals(expectedVersion)) {
            throw new IOException(manifestFile + ": names version '" + manifest.version() + "' but sits in folder '"
                    + expectedVersion + "'");
        }
        for (String file : ArtifactLayout.VERSION_FILES) {
            if (file.equals(ArtifactLayout.MANIFEST)) {
                continue;
            }
            Manifest.FileEntry expected = manifest.files().get(file);
            if (expected == null) {
                throw new IOException(manifestFile + ": lists no checksum for " + file);
            }
            Path path = dir.resolve(file);
            if (!Files.isRegularFile(path)) {
                throw new IOException(dir + ": " + file + " is missing");
            }
            Checksums.verify(path.toString(), expected, Checksums.of(path));
        }
        return manifest;
    }
}
