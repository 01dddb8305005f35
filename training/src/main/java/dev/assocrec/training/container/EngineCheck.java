package dev.assocrec.training.container;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Loads DJL's PyTorch engine the way training will and reports which build and device it got.
 *
 * <p>The training image runs it twice. At image build time (with ai.djl.offline=false) it makes DJL
 * fetch the libtorch build named by PYTORCH_FLAVOR into DJL_CACHE_DIR, so that the job itself runs
 * offline. At container start it logs engine and device and, with {@code --require-gpu}, stops a GPU
 * job that landed on a machine without a visible GPU: {@code --engine auto} would then run the java
 * engine on the job's few vCPUs, far slower than the GPU estimate of training/README.md, and look healthy.
 *
 * <p>Exit codes: 0 engine ready; 3 {@code --require-gpu} but no GPU visible; 1 engine failed to load.
 */
public final class EngineCheck {
    public static final int READY = 0;
    public static final int ENGINE_FAILED = 1;
    public static final int NO_GPU = 3;

    private EngineCheck() {}

    public static void main(String[] args) {
        System.exit(check(Arrays.asList(args).contains("--require-gpu"), System.out, System.err));
    }

    static int check(boolean requireGpu, PrintStream out, PrintStream err) {
        return check(() -> Engine.getEngine("PyTorch"), Engine::getGpuCount, requireGpu, out, err);
    }

    /** The check with how the engine is loaded and how its GPUs are counted given (tests supply both). */
    static int check(Supplier<Engine> load, ToIntFunction<Engine> gpuCount, boolean requireGpu, PrintStream out,
                     PrintStream err) {
        Engine engine;
        try {
            engine = load.get();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            err.println("engine: PyTorch failed to load: " + e);
            return ENGINE_FAILED;
        }
        int gpus = gpuCount.applyAsInt(engine);
        Device device = engine.defaultDevice();
        float probe;
        // One small computation on the chosen device: loading alone does not prove kernels run.
        try (NDManager manager = NDManager.newBaseManager(device)) {
            probe = manager.arange(4f).mul(2f).sum().getFloat();
        }
        out.printf("engine: PyTorch %s flavor=%s gpus=%d device=%s probe=%s%n", engine.getVersion(),
                System.getenv().getOrDefault("PYTORCH_FLAVOR", "bundled"), gpus, device, probe);
        if (requireGpu && gpus == 0) {
            err.println("engine: no GPU visible (gpus=0) but this image requires one (without it the job would"
                    + " train on the CPU); check the instance type, the NVIDIA driver and the job's GPU resource"
                    + " requirement");
            return NO_GPU;
        }
        return READY;
    }
}
