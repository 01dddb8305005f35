package dev.assocrec.training.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident-memory high-water mark, including PyTorch's native memory (Linux only). */
public final class PeakMemory {
    private PeakMemory() {}

    /** Peak resident memory in MB, or NaN where /proc is not available. */
    public static double residentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
