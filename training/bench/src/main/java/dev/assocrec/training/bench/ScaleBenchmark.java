package dev.assocrec.training.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.graph.ItemGraph;
import dev.assocrec.training.graph.ItemGraphBuilder;
import dev.assocrec.training.ingest.DatasetLoader;
import dev.assocrec.training.ingest.DatasetRequest;
import dev.assocrec.training.ingest.IngestSettings;
import dev.assocrec.training.ingest.InputFormat;
import dev.assocrec.training.model.EpochProbe;
import dev.assocrec.training.model.GcnConfig;
import dev.assocrec.training.pipeline.PeakMemory;
import dev.assocrec.training.pipeline.TrainingDefaults;
import dev.assocrec.training.pipeline.TrainingSettings;
import dev.assocrec.training.util.Progress;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Training cost against shop size: for each generated shop (events.csv + catalog.csv from {@code generate})
 * and each run (recipe:engine), a fresh JVM ingests the shop, builds the graph and runs one epoch of
 * training (or its first --steps steps, extrapolated), then reports its peak RSS. Prints one markdown
 * row per run plus the device path's per-step figures and the epoch time they imply on one GPU.
 *
 * <p>Recipes: {@code default} is what {@code train} uses for the shop (sampled negatives and larger batches
 * above {@link TrainingDefaults#LARGE_CATALOGUE_ITEMS}); {@code full} restores the full softmax over all
 * items with the event logs' batch of 512 (the default below that size); {@code sampled} is the large-catalogue
 * default at any size; {@code sampled<B>}, e.g. {@code sampled512}, is that at batch B (what the larger batch saves).
 */
@Command(name = "scale-benchmark", mixinStandardHelpOptions = true,
        description = "Seconds per epoch, peak RSS and device-path figures over generated shops.")
public final class ScaleBenchmark implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESULT = "RESULT ";

    @Option(names = "--shops", split = ",", required = true, description = "shop folders from `generate`")
    List<Path> shops;
    @Option(names = "--runs", split = ",", defaultValue = "default:java,default:torch",
            description = "recipe:engine pairs; recipes default, full, sampled, sampled<batch> (e.g. sampled512); engines java, torch")
    List<String> runs;
    @Option(names = "--steps", defaultValue = "0",
            description = "time only the first N steps of the epoch and extrapolate (0: the whole epoch)")
    int steps;
    @Option(names = "--steps-for", split = ",", defaultValue = "",
            description = "recipe=N or recipe:engine=N: a step cap for those runs only, e.g. full=20")
    List<String> stepsFor;
    @Option(names = "--validate", description = "also report validation NDCG@20 after a whole epoch")
    boolean validate;
    @Option(names = "--heap", defaultValue = "8g", description = "-Xmx of each measuring JVM")
    String heap;
    @Option(names = "--gpu-tflops", defaultValue = "19.5", description = "assumed GPU float32 peak, TFLOP/s (A100)")
    double gpuTflops;
    @Option(names = "--gpu-bandwidth", defaultValue = "2.0", description = "assumed GPU memory bandwidth, TB/s (A100 80 GB)")
    double gpuBandwidth;
    @Option(names = "--gpu-efficiency", defaultValue = "0.5",
            description = "share of those peaks the step's kernels reach (sparse products are memory-bound)")
    double gpuEfficiency;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--one")) {
            System.exit(one(Path.of(args[1]), args[2], args[3], Integer.parseInt(args[4]), Boolean.parseBoolean(args[5])));
        }
        System.exit(new CommandLine(new ScaleBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.out.println("| shop | items | events | recipe | engine | ingest s | graph s | graph nnz | steps/epoch | s/epoch (CPU) "
                + "| peak RSS GB | val N@20 | device path: FLOP/step | device bytes/step | host→device B/step "
                + "| GPU s/epoch (est.) | device memory GB |");
        System.out.println("|---|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Path shop : shops) {
            for (String run : runs) {
                String[] parts = run.split(":");
                int cap = steps;
                for (String s : stepsFor) {
                    if (s.startsWith(parts[0] + "=") || s.startsWith(run + "=")) {
                        cap = Integer.parseInt(s.substring(s.indexOf('=') + 1));
                    }
                }
                JsonNode r = child(shop, parts[0], parts[1], cap);
                System.out.println(row(shop, parts[0], parts[1], r));
            }
        }
        return 0;
    }

    private JsonNode child(Path shop, String recipe, String engine, int cap) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                ScaleBenchmark.class.getName(), "--one", shop.toString(), recipe, engine, Integer.toString(cap),
                Boolean.toString(validate)));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        JsonNode result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(RESULT)) {
                    result = JSON.readTree(line.substring(RESULT.length()));
                } else {
                    System.err.println(line);
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || result == null) {
            throw new IllegalStateException(shop + " " + recipe + ":" + engine + ": measuring JVM exited " + exit);
        }
        return result;
    }

    private String row(Path shop, String recipe, String engine, JsonNode r) {
        double steps = r.get("stepsPerEpoch").asDouble();
        double stepSeconds = (r.get("flops").asDouble() / (gpuTflops * 1e12)
                + r.get("deviceBytes").asDouble() / (gpuBandwidth * 1e12)) / gpuEfficiency;
        boolean extrapolated = r.get("extrapolated").asBoolean();
        return String.format(Locale.ROOT,
                "| %s | %,d | %,d | %s | %s | %.1f | %.1f | %,d | %,d | %s | %.2f | %s | %.3g | %.3g | %,.0f | %.2f | %.2f |",
                shop.getFileName(), r.get("items").asInt(), r.get("events").asLong(), recipe, engine,
                r.get("ingestSeconds").asDouble(), r.get("graphSeconds").asDouble(), r.get("graphNnz").asLong(),
                (long) steps,
                extrapolated ? String.format(Locale.ROOT, "%.1f (%d steps timed)", r.get("epochSeconds").asDouble(),
                        r.get("steps").asInt()) : String.format(Locale.ROOT, "%.1f", r.get("epochSeconds").asDouble()),
                r.get("peakRssMb").asDouble() / 1024, Double.isNaN(r.get("validationNdcg20").asDouble()) ? "–"
                        : String.format(Locale.ROOT, "%.4f", r.get("validationNdcg20").asDouble()),
                r.get("flops").asDouble(), r.get("deviceBytes").asDouble(), r.get("hostToDevice").asDouble(),
                steps * stepSeconds, r.get("deviceMemory").asDouble() / 1e9);
    }

    /** The measuring JVM: ingest, graph, one (possibly capped) epoch; prints one RESULT line. */
    private static int one(Path shop, String recipe, String engine, int cap, boolean validate) {
        try {
            System.setProperty("ai.djl.offline", "true");
            long t0 = System.nanoTime();
            DatasetRequest request = DatasetRequest.events(InputFormat.CSV, shop.resolve("events.csv").toString(),
                    shop.resolve("catalog.csv").toString());
            Dataset data = new DatasetLoader(IngestSettings.defaults(), Progress.NONE).load(request);
            double ingest = (System.nanoTime() - t0) / 1e9;
            TrainingDefaults defaults = TrainingDefaults.forFormat(InputFormat.CSV);
            TrainingSettings settings = switch (recipe) {
                case "default" -> defaults.forCatalogue(data.itemCount()).settings();
                case "full" -> defaults.settings();
                case "sampled" -> defaults.forCatalogue(Integer.MAX_VALUE).settings();
                default -> {
                    if (!recipe.matches("sampled\\d+")) {
                        throw new IllegalArgumentException("recipe " + recipe + ": use default, full, sampled or sampled<batch>");
                    }
                    TrainingSettings s = defaults.forCatalogue(Integer.MAX_VALUE).settings();
                    yield new TrainingSettings(s.graph(), s.gcn().toBuilder()
                            .batchSize(Integer.parseInt(recipe.substring("sampled".length()))).build(), s.refit());
                }
            };
            GcnConfig config = settings.gcn().toBuilder().device("cpu")
                    .engine(GcnConfig.Engine.valueOf(engine.toUpperCase(Locale.ROOT))).build();
            long t1 = System.nanoTime();
            ItemGraph graph = new ItemGraphBuilder(settings.graph(), false).build(data);
            double graphSeconds = (System.nanoTime() - t1) / 1e9;
            EpochProbe probe = EpochProbe.run(data, graph, config, cap, validate, true);
            ObjectNode out = JSON.createObjectNode();
            out.put("items", data.itemCount());
            out.put("users", data.userCount());
            out.put("events", data.provenance().path("events").path("rows").asLong());
            out.put("ingestSeconds", ingest);
            out.put("graphSeconds", graphSeconds);
            out.put("graphNnz", graph.normalized().nnz());
            out.put("config", config.toString());
            out.put("steps", probe.steps());
            out.put("stepsPerEpoch", probe.stepsPerEpoch());
            out.put("samplingSeconds", probe.samplingSeconds());
            out.put("seconds", probe.seconds());
            out.put("epochSeconds", probe.epochSeconds());
            out.put("extrapolated", probe.extrapolated());
            out.put("meanLoss", probe.meanLoss());
            out.put("hostToDevice", probe.hostToDevice());
            out.put("deviceToHost", probe.deviceToHost());
            out.put("flops", probe.flops());
            out.put("deviceBytes", probe.deviceBytes());
            out.put("deviceMemory", probe.deviceMemory());
            out.put("validationNdcg20", probe.validationNdcg20());
            out.put("peakRssMb", PeakMemory.residentMb());
            System.out.println(RESULT + JSON.writeValueAsString(out));
            return 0;
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }
}
