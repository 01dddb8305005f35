package dev.assocrec.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.training.ingest.BadInputException;
import dev.assocrec.training.ingest.InputFormat;
import dev.assocrec.training.pipeline.TrainingDefaults;
import dev.assocrec.training.pipeline.TrainingSettings;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every "Default:" in {@code train --help} against what a run with that option unset actually uses, for each
 * data kind. Help states a default as "Default: V." (every kind) or "Default: V for KIND and KIND, W for KIND."
 */
class HelpDefaultsTest {
    private static final Map<String, InputFormat> KINDS = Map.of("event logs", InputFormat.CSV,
            "sequences", InputFormat.SEQUENCE, "lightgcn", InputFormat.LIGHTGCN);
    private static final Map<InputFormat, String[]> INPUT = Map.of(InputFormat.CSV, new String[] {"--events", "e.csv"},
            InputFormat.SEQUENCE, new String[] {"--input", "s.txt"},
            InputFormat.LIGHTGCN, new String[] {"--train", "t.txt", "--test", "x.txt"});

    /** What runs when the option is unset; null where the option does not apply to that kind. */
    private static final Map<String, Function<Effective, Object>> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("--objective", e -> e.settings.gcn().objective().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        OPTIONS.put("--layer", e -> e.settings.gcn().layer().name().toLowerCase(Locale.ROOT));
        OPTIONS.put("--engine", e -> e.settings.gcn().engine().name().toLowerCase(Locale.ROOT));
        OPTIONS.put("--dims", e -> e.settings.gcn().dims());
        OPTIONS.put("--layers", e -> e.settings.gcn().layers());
        OPTIONS.put("--epochs", e -> e.settings.gcn().maxEpochs());
        OPTIONS.put("--patience", e -> e.settings.gcn().patience());
        OPTIONS.put("--lr", e -> e.settings.gcn().learningRate());
        OPTIONS.put("--batch", e -> e.settings.gcn().batchSize());
        OPTIONS.put("--negatives", e -> e.settings.gcn().negatives());
        OPTIONS.put("--temperature", e -> e.settings.gcn().temperature());
        OPTIONS.put("--param-averaging", e -> e.settings.gcn().parameterAveraging());
        OPTIONS.put("--dropout", e -> e.settings.gcn().userDropout());
        OPTIONS.put("--lr-cosine-epochs", e -> e.settings.gcn().cosineEpochs());
        OPTIONS.put("--margin", e -> e.settings.gcn().margin());
        OPTIONS.put("--user-weight-exponent", e -> e.settings.gcn().userWeightExponent());
        OPTIONS.put("--train-popularity-exponent", e -> e.settings.gcn().trainPopularityExponent());
        OPTIONS.put("--top-k", e -> e.settings.graph().topK());
        OPTIONS.put("--co-purchase-weight", e -> e.settings.graph().coPurchaseWeight());
        OPTIONS.put("--co-view-weight", e -> e.settings.graph().coViewWeight());
        OPTIONS.put("--attribute-weight", e -> e.settings.graph().attributeWeight());
        OPTIONS.put("--refit", e -> e.settings.refit());
        OPTIONS.put("--half-life", e -> e.format == InputFormat.SEQUENCE ? e.halfLife : null);
        OPTIONS.put("--gate-tolerance", e -> e.tolerance);
        OPTIONS.put("--max-bad-fraction", e -> e.maxBadFraction);
        OPTIONS.put("--seed", e -> e.seed);
    }

    /** The settings {@code train} would run with, read from a parsed command line with no hyper-parameter given. */
    record Effective(InputFormat format, TrainingSettings settings, double halfLife, double tolerance,
                     double maxBadFraction, long seed) {}

    private static Effective effective(InputFormat format) throws BadInputException {
        TrainCommand train = new TrainCommand();
        String[] args = INPUT.get(format);
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--out";
        all[args.length + 1] = "models";
        new CommandLine(train).parseArgs(all);
        TrainingSettings settings = train.hyper.apply(TrainingDefaults.forFormat(train.input.request().format()).settings(),
                train.input.seed);
        return new Effective(format, settings, train.input.settings().positionalHalfLife(), train.release.gate().tolerance(),
                train.input.settings().maxBadFraction(), train.input.seed);
    }

    @Test
    void everyHelpDefaultIsWhatRunsForEachDataKind() throws Exception {
        String help = new CommandLine(new TrainCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        Map<InputFormat, Effective> runs = new EnumMap<>(InputFormat.class);
        for (InputFormat f : INPUT.keySet()) {
            runs.put(f, effective(f));
        }
        for (Map.Entry<String, Function<Effective, Object>> option : OPTIONS.entrySet()) {
            Map<InputFormat, String> stated = statedDefaults(help, option.getKey());
            for (InputFormat f : INPUT.keySet()) {
                Object runs_ = option.getValue().apply(runs.get(f));
                String said = stated.get(f);
                if (runs_ == null) {
                    assertEquals(null, said, option.getKey() + " names a default for " + f + " where it does not apply");
                    continue;
                }
                assertTrue(said != null, option.getKey() + " help names no default for " + f + ": " + stated);
                assertEquals(normal(runs_.toString()), normal(said), option.getKey() + " for " + f);
            }
        }
    }

    /** The default per kind as the option's help text states it. */
    private static Map<InputFormat, String> statedDefaults(String help, String option) {
        Matcher block = Pattern.compile("(?s)\\n\\s+(?:-\\w, )?--(?:\\[no-\\])?" + Pattern.quote(option.substring(2))
                + "[=\\[ ].*?Default:\\s+(.*?)\\.(?:\\s*\\n\\s+-|\\s*$)").matcher(help);
        assertTrue(block.find(), option + " has a Default in:\n" + help);
        String text = block.group(1).replaceAll("\\s+", " ");
        Map<InputFormat, String> out = new EnumMap<>(InputFormat.class);
        for (String part : text.split(", ")) {
            String[] valueAndKinds = part.split(" for ", 2);
            if (valueAndKinds.length == 1) {
                INPUT.keySet().forEach(f -> out.put(f, valueAndKinds[0]));
                continue;
            }
            for (String kind : valueAndKinds[1].split(" and ")) {
                assertTrue(KINDS.containsKey(kind), option + ": unknown data kind '" + kind + "' in '" + text + "'");
                out.put(KINDS.get(kind), valueAndKinds[0]);
            }
        }
        return out;
    }

    private static String normal(String value) {
        try {
            return Double.toString(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
