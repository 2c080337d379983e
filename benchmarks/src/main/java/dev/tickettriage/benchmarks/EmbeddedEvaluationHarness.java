package dev.tickettriage.benchmarks;

import dev.tickettriage.classifier.embedded.EmbeddedClassifier;
import dev.tickettriage.classifier.embedded.EmbeddedModel;
import dev.tickettriage.classifier.embedded.EmbeddedTrainer;
import dev.tickettriage.classifier.embedded.EncoderSettings;
import dev.tickettriage.classifier.embedded.FeatureSettings;
import dev.tickettriage.classifier.embedded.OnnxTextEncoder;
import dev.tickettriage.classifier.embedded.TextEncoder;
import dev.tickettriage.classifier.embedded.TrainingExample;
import dev.tickettriage.classifier.embedded.TrainingOptions;
import dev.tickettriage.classifier.embedded.TrainingSet;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.eval.Calibration;
import dev.tickettriage.eval.EvaluationReport;
import dev.tickettriage.eval.Evaluator;
import dev.tickettriage.eval.LabelSelector;
import dev.tickettriage.eval.LabeledExample;
import dev.tickettriage.io.RecordFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Evaluates the embedded classifier on the shared datasets (never in {@code mvn verify}). Hyperparameters are chosen on
 * validation slices cut from the training data; test splits (BANKING77 test.csv) and the sentiment hold-out are only
 * scored. Run from the repository root (see BENCHMARKS.md), with {@code -Ddata=../shared/data} if the data is elsewhere:
 *
 * <pre>
 * EmbeddedEvaluationHarness select-banking77 bge-small      # grid on a 10 % validation slice of train.csv
 * EmbeddedEvaluationHarness banking77 bge-small both 1e-4   # train.csv -> test.csv: accuracy, macro-F1, ECE
 * EmbeddedEvaluationHarness fewshot bge-small 8 both 1e-4 3 # 8 per intent, 3 seeds
 * EmbeddedEvaluationHarness sentiment bge-small              # airline: select on an inner slice, score the 15 % hold-out
 * EmbeddedEvaluationHarness cascade bge-small both 1e-4      # share of BANKING77 test tickets below each threshold
 * EmbeddedEvaluationHarness latency bge-small both           # classify one ticket at a time, one ORT thread
 * EmbeddedEvaluationHarness training-time bge-small 10000 1  # fresh encoder, no cache; last arg = threads
 * </pre>
 *
 * Sentence vectors are cached under {@code target/embedding-cache} so one encoder pass serves every setting (latency
 * and training time never use the cache).
 */
public final class EmbeddedEvaluationHarness {

    private static final Path DATA = Path.of(System.getProperty("data", "../shared/data"));
    private static final long SEED = 20_261_203L;

    private EmbeddedEvaluationHarness() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EmbeddedEvaluationHarness select-banking77|banking77|fewshot|sentiment|cascade|latency|training-time ENCODER ...");
            System.exit(2);
        }
        String mode = args[0];
        String encoderName = args[1];
        System.out.println("# " + String.join(" ", args) + "  (" + Instant.now() + ", load " + loadAverage() + ")");
        switch (mode) {
            case "select-banking77" -> selectBanking77(encoderName);
            case "banking77" -> banking77(encoderName, features(args[2]), Double.parseDouble(args[3]));
            case "fewshot" -> fewShot(encoderName, Integer.parseInt(args[2]), features(args[3]), Double.parseDouble(args[4]), Integer.parseInt(args[5]));
            case "sentiment" -> sentiment(encoderName);
            case "cascade" -> cascade(encoderName, features(args[2]), Double.parseDouble(args[3]));
            case "latency" -> latency(encoderName, features(args[2]));
            case "spanish" -> spanish(encoderName);
            case "training-time" -> trainingTime(encoderName, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        System.out.println("# done, load " + loadAverage());
    }

    static FeatureSettings features(String name) {
        return switch (name) {
            case "vec" -> FeatureSettings.sentenceVectorOnly();
            case "ngram" -> FeatureSettings.ngramsOnly(2, 5, 1 << 15);
            case "both" -> FeatureSettings.defaults();
            default -> throw new IllegalArgumentException("features: vec|ngram|both");
        };
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    // ---------------------------------------------------------------- data

    private static TrainingSet banking(String split) throws IOException {
        return TrainingSet.fromRecords(Files.newBufferedReader(DATA.resolve("banking77").resolve(split)), RecordFormat.CSV,
                new TrainingSet.Columns("text", "category", null, null));
    }

    private static TrainingSet airline() throws IOException {
        return TrainingSet.fromRecords(Files.newBufferedReader(DATA.resolve("twitter_airline_sentiment/train.csv")), RecordFormat.CSV,
                new TrainingSet.Columns("text", null, "airline_sentiment", null));
    }

    /** Stratified split by {@code key}: per label, a seeded shuffle and the first {@code fraction} to the second list. */
    private static List<List<TrainingExample>> split(List<TrainingExample> all, java.util.function.Function<TrainingExample, String> key,
                                                     double fraction, long seed) {
        Map<String, List<TrainingExample>> byLabel = new LinkedHashMap<>();
        for (TrainingExample example : all) byLabel.computeIfAbsent(key.apply(example), k -> new ArrayList<>()).add(example);
        Random random = new Random(seed);
        List<TrainingExample> first = new ArrayList<>();
        List<TrainingExample> second = new ArrayList<>();
        for (List<TrainingExample> members : byLabel.values()) {
            List<TrainingExample> shuffled = new ArrayList<>(members);
            Collections.shuffle(shuffled, random);
            int take = (int) Math.round(fraction * shuffled.size());
            second.addAll(shuffled.subList(0, take));
            first.addAll(shuffled.subList(take, shuffled.size()));
        }
        return List.of(first, second);
    }

    private static CachedEncoder encoder(String name) {
        long started = System.nanoTime();
        CachedEncoder encoder = new CachedEncoder(OnnxTextEncoder.builtIn(name, EncoderSettings.defaults().withIntraOpThreads(2)));
        encoder.load(cacheFile(encoder));
        System.out.printf(Locale.ROOT, "encoder %s loaded in %.1f s, %d cached vectors%n", encoder.id(), (System.nanoTime() - started) / 1e9, encoder.size());
        return encoder;
    }

    private static Path cacheFile(TextEncoder encoder) {
        return Path.of("target", "embedding-cache", encoder.id() + "-128.bin");
    }

    /** Fills the cache for every text, two threads, and saves it. */
    private static void warm(CachedEncoder encoder, List<String> texts) {
        int before = encoder.size();
        long started = System.nanoTime();
        List<String> distinct = texts.stream().distinct().toList();
        int chunk = 256;
        for (int from = 0; from < distinct.size(); from += chunk) {
            encoder.encode(distinct.subList(from, Math.min(distinct.size(), from + chunk)));
        }
        if (encoder.size() > before) {
            encoder.save(cacheFile(encoder));
            System.out.printf(Locale.ROOT, "encoded %d new texts in %.1f s%n", encoder.size() - before, (System.nanoTime() - started) / 1e9);
        }
    }

    private static List<LabeledExample> categoryExamples(List<TrainingExample> examples) {
        return examples.stream().map(e -> new LabeledExample(e.text(), e.category().orElseThrow())).toList();
    }

    private static EvaluationReport evaluate(EmbeddedModel model, TextEncoder encoder, Taxonomy taxonomy, List<LabeledExample> examples,
                                             LabelSelector selector, String name) {
        EmbeddedClassifier classifier = EmbeddedClassifier.of(model, model.encoderId().isPresent() ? encoder : null);
        return Evaluator.builder(classifier, taxonomy).labels(selector).name(name).build().evaluate(examples);
    }

    private static String summary(EvaluationReport report) {
        Calibration calibration = report.calibration().orElseThrow();
        return String.format(Locale.ROOT, "accuracy %.4f, macro-F1 %.4f, ECE %.4f (MCE %.4f), n=%d", report.accuracy(), report.macroF1(),
                calibration.expectedCalibrationError(), calibration.maxCalibrationError(), report.examples());
    }

    private static EmbeddedModel train(TextEncoder encoder, FeatureSettings features, double l2, List<TrainingExample> examples, Taxonomy taxonomy) {
        long started = System.nanoTime();
        EmbeddedModel model = EmbeddedTrainer.create(features.sentenceVector() ? encoder : null,
                TrainingOptions.defaults().withFeatures(features).withL2(l2).withThreads(2)).train(TrainingSet.of(examples), taxonomy);
        System.out.printf(Locale.ROOT, "  trained %s l2=%s on %d in %.1f s; %s%n", name(features), l2, examples.size(),
                (System.nanoTime() - started) / 1e9, model.report(model.fields().contains(ClassificationField.CATEGORY)
                        && model.report(ClassificationField.SENTIMENT).isPresent() ? ClassificationField.SENTIMENT : ClassificationField.CATEGORY)
                        .map(Object::toString).orElse(""));
        return model;
    }

    private static String name(FeatureSettings features) {
        if (features.sentenceVector() && features.usesNgrams()) return "both";
        return features.sentenceVector() ? "vec" : "ngram";
    }

    // ---------------------------------------------------------------- modes

    /** Settings compared on validation slices: {@code -Dgrid=vec:1e-4,both:3e-5,...}; default every features x L2 pair. */
    private static List<String[]> grid() {
        String spec = System.getProperty("grid");
        List<String[]> pairs = new ArrayList<>();
        if (spec == null) {
            for (String features : List.of("vec", "ngram", "both")) {
                for (String l2 : List.of("1e-5", "3e-5", "1e-4", "3e-4", "1e-3")) pairs.add(new String[]{features, l2});
            }
        } else {
            for (String pair : spec.split(",")) pairs.add(pair.strip().split(":"));
        }
        return pairs;
    }

    private static void selectBanking77(String encoderName) throws IOException {
        TrainingSet train = banking("train.csv");
        Taxonomy taxonomy = train.derivedTaxonomy();
        List<List<TrainingExample>> parts = split(train.examples(), e -> e.category().orElseThrow(), 0.1, SEED);
        try (CachedEncoder encoder = encoder(encoderName)) {
            warm(encoder, train.examples().stream().map(TrainingExample::text).toList());
            for (String[] pair : grid()) {
                String features = pair[0];
                double l2 = Double.parseDouble(pair[1]);
                EmbeddedModel model = train(encoder, features(features), l2, parts.get(0), taxonomy);
                EvaluationReport report = evaluate(model, encoder, taxonomy, categoryExamples(parts.get(1)), LabelSelector.category(), "validation");
                System.out.printf(Locale.ROOT, "validation %-5s l2=%-7s %s%n", features, l2, summary(report));
            }
        }
    }

    private static void banking77(String encoderName, FeatureSettings features, double l2) throws IOException {
        TrainingSet train = banking("train.csv");
        TrainingSet test = banking("test.csv");
        Taxonomy taxonomy = train.derivedTaxonomy();
        try (CachedEncoder encoder = encoder(encoderName)) {
            warm(encoder, train.examples().stream().map(TrainingExample::text).toList());
            warm(encoder, test.examples().stream().map(TrainingExample::text).toList());
            EmbeddedModel model = train(encoder, features, l2, train.examples(), taxonomy);
            EvaluationReport report = evaluate(model, encoder, taxonomy, categoryExamples(test.examples()), LabelSelector.category(), "BANKING77 test");
            System.out.printf(Locale.ROOT, "BANKING77 test, full train (%s, %s, l2=%s): %s; model file %,d bytes%n", encoderName, name(features), l2,
                    summary(report), model.fileBytes());
            printReliability(report);
        }
    }

    private static void printReliability(EvaluationReport report) {
        for (Calibration.ReliabilityBin bin : report.calibration().orElseThrow().bins()) {
            if (bin.count() > 0) {
                System.out.printf(Locale.ROOT, "  | [%.1f, %.1f%s | %d | %.3f | %.3f |%n", bin.lower(), bin.upper(), bin.upper() >= 1 ? "]" : ")",
                        bin.count(), bin.meanConfidence(), bin.accuracy());
            }
        }
    }

    private static void fewShot(String encoderName, int perIntent, FeatureSettings features, double l2, int seeds) throws IOException {
        TrainingSet train = banking("train.csv");
        TrainingSet test = banking("test.csv");
        Taxonomy taxonomy = train.derivedTaxonomy();
        try (CachedEncoder encoder = encoder(encoderName)) {
            warm(encoder, train.examples().stream().map(TrainingExample::text).toList());
            warm(encoder, test.examples().stream().map(TrainingExample::text).toList());
            double accuracy = 0;
            double f1 = 0;
            double ece = 0;
            for (int s = 0; s < seeds; s++) {
                Map<String, List<TrainingExample>> byLabel = new LinkedHashMap<>();
                for (TrainingExample example : train.examples()) byLabel.computeIfAbsent(example.category().orElseThrow(), k -> new ArrayList<>()).add(example);
                Random random = new Random(SEED + s);
                List<TrainingExample> sample = new ArrayList<>();
                for (List<TrainingExample> members : byLabel.values()) {
                    List<TrainingExample> shuffled = new ArrayList<>(members);
                    Collections.shuffle(shuffled, random);
                    sample.addAll(shuffled.subList(0, Math.min(perIntent, shuffled.size())));
                }
                EmbeddedModel model = train(encoder, features, l2, sample, taxonomy);
                EvaluationReport report = evaluate(model, encoder, taxonomy, categoryExamples(test.examples()), LabelSelector.category(), "few-shot");
                System.out.printf(Locale.ROOT, "  seed %d: %s%n", s, summary(report));
                accuracy += report.accuracy();
                f1 += report.macroF1();
                ece += report.calibration().orElseThrow().expectedCalibrationError();
            }
            System.out.printf(Locale.ROOT, "BANKING77 test, %d per intent (%s, %s, l2=%s), mean of %d samples: accuracy %.4f, macro-F1 %.4f, ECE %.4f%n",
                    perIntent, encoderName, name(features), l2, seeds, accuracy / seeds, f1 / seeds, ece / seeds);
        }
    }

    private static void sentiment(String encoderName) throws IOException {
        TrainingSet all = airline();
        List<List<TrainingExample>> outer = split(all.examples(), e -> e.sentiment().orElseThrow().name(), 0.15, SEED);
        List<TrainingExample> fit = outer.get(0);
        List<TrainingExample> holdout = outer.get(1);
        List<List<TrainingExample>> inner = split(fit, e -> e.sentiment().orElseThrow().name(), 0.15, SEED + 1);
        Taxonomy taxonomy = Taxonomy.builder().version("sentiment-only").category("any", "placeholder: only the sentiment head is scored").build();
        LabelSelector selector = LabelSelector.sentiment(s -> s.name().toLowerCase(Locale.ROOT));
        try (CachedEncoder encoder = encoder(encoderName)) {
            warm(encoder, all.examples().stream().map(TrainingExample::text).toList());
            String bestFeatures = null;
            double bestL2 = 0;
            double bestAccuracy = -1;
            for (String[] pair : grid()) {
                String features = pair[0];
                double l2 = Double.parseDouble(pair[1]);
                EmbeddedModel model = train(encoder, features(features), l2, withCategory(inner.get(0)), taxonomy);
                EvaluationReport report = evaluate(model, encoder, taxonomy, sentimentExamples(inner.get(1)), selector, "inner validation");
                System.out.printf(Locale.ROOT, "inner validation %-5s l2=%-7s %s%n", features, l2, summary(report));
                if (report.accuracy() > bestAccuracy) {
                    bestAccuracy = report.accuracy();
                    bestFeatures = features;
                    bestL2 = l2;
                }
            }
            EmbeddedModel model = train(encoder, features(bestFeatures), bestL2, withCategory(fit), taxonomy);
            EvaluationReport report = evaluate(model, encoder, taxonomy, sentimentExamples(holdout), selector, "airline hold-out");
            System.out.printf(Locale.ROOT, "Airline sentiment, 15 %% hold-out of train.csv (%s, chosen on the inner slice: %s l2=%s): %s%n",
                    encoderName, bestFeatures, bestL2, summary(report));
            printReliability(report);
            System.out.println(report.toText());
        }
    }

    /** The sentiment examples plus a constant category (the trainer always trains a category head). */
    private static List<TrainingExample> withCategory(List<TrainingExample> examples) {
        return examples.stream().map(e -> new TrainingExample(e.text(), "any", e.sentiment().orElseThrow(), null)).toList();
    }

    private static List<LabeledExample> sentimentExamples(List<TrainingExample> examples) {
        return examples.stream().map(e -> new LabeledExample(e.text(), e.sentiment().orElseThrow().name().toLowerCase(Locale.ROOT))).toList();
    }

    private static void cascade(String encoderName, FeatureSettings features, double l2) throws IOException {
        TrainingSet train = banking("train.csv");
        TrainingSet test = banking("test.csv");
        Taxonomy taxonomy = train.derivedTaxonomy();
        try (CachedEncoder encoder = encoder(encoderName)) {
            warm(encoder, train.examples().stream().map(TrainingExample::text).toList());
            warm(encoder, test.examples().stream().map(TrainingExample::text).toList());
            EmbeddedModel model = train(encoder, features, l2, train.examples(), taxonomy);
            EmbeddedClassifier classifier = EmbeddedClassifier.of(model, features.sentenceVector() ? encoder : null);
            List<double[]> scored = new ArrayList<>();   // confidence, correct
            long number = 0;
            for (TrainingExample example : test.examples()) {
                Ticket ticket = Ticket.builder().id(TicketId.of(new UUID(0, ++number))).createdAt(Instant.EPOCH).body(example.text()).build();
                var result = classifier.classify(ticket, taxonomy);
                scored.add(new double[]{result.confidenceValue(ClassificationField.CATEGORY), result.category().id().equals(example.category().orElseThrow()) ? 1 : 0});
            }
            System.out.println("| threshold | sent to the LLM | embedded keeps | accuracy of the kept answers |");
            for (double threshold : new double[]{0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}) {
                long below = scored.stream().filter(s -> s[0] < threshold).count();
                long kept = scored.size() - below;
                double keptRight = scored.stream().filter(s -> s[0] >= threshold).mapToDouble(s -> s[1]).sum();
                System.out.printf(Locale.ROOT, "| %.1f | %.1f %% (%d) | %.1f %% | %.2f %% |%n", threshold, 100.0 * below / scored.size(), below,
                        100.0 * kept / scored.size(), kept == 0 ? 0 : 100.0 * keptRight / kept);
            }
        }
    }

    private static void latency(String encoderName, FeatureSettings features) throws IOException {
        TrainingSet train = banking("train.csv");
        TrainingSet test = banking("test.csv");
        Taxonomy taxonomy = train.derivedTaxonomy();
        EmbeddedModel model;
        List<TrainingExample> every5th = new ArrayList<>();   // latency does not depend on how much the head saw
        for (int i = 0; i < train.size(); i += 5) every5th.add(train.examples().get(i));
        try (CachedEncoder cached = encoder(encoderName)) {
            model = train(cached, features, 1e-4, every5th, taxonomy);
        }
        Runtime runtime = Runtime.getRuntime();
        long rssBefore = rssKb();
        long started = System.nanoTime();
        try (OnnxTextEncoder encoder = OnnxTextEncoder.builtIn(encoderName, EncoderSettings.defaults())) {
            System.out.printf(Locale.ROOT, "fresh encoder (1 intra-op thread) loaded in %.2f s; RSS +%,d KB; model bytes %,d; head weights %,d floats%n",
                    (System.nanoTime() - started) / 1e9, rssKb() - rssBefore, encoder.modelBytes(), model.weightCount());
            EmbeddedClassifier classifier = EmbeddedClassifier.of(model, encoder);
            List<Ticket> tickets = new ArrayList<>();
            long number = 0;
            for (TrainingExample example : test.examples()) {
                tickets.add(Ticket.builder().id(TicketId.of(new UUID(0, ++number))).createdAt(Instant.EPOCH).body(example.text()).build());
            }
            for (int i = 0; i < 300; i++) classifier.classify(tickets.get(i), taxonomy);   // warm-up
            long[] nanos = new long[tickets.size()];
            long total = System.nanoTime();
            for (int i = 0; i < tickets.size(); i++) {
                long t0 = System.nanoTime();
                classifier.classify(tickets.get(i), taxonomy);
                nanos[i] = System.nanoTime() - t0;
            }
            total = System.nanoTime() - total;
            java.util.Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "classify one ticket at a time, 1 ORT thread, %d BANKING77 test tickets: mean %.2f ms, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms; heap used %,d MB%n",
                    tickets.size(), total / 1e6 / tickets.size(), nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6,
                    nanos[(int) (nanos.length * 0.99)] / 1e6, (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        }
    }

    /**
     * No Spanish labelled data is available here, so a small cross-lingual check: train on the default taxonomy's
     * English examples (14) and classify its Spanish examples (14), per feature set. Tiny: read it as a smoke test.
     */
    private static void spanish(String encoderName) {
        Taxonomy taxonomy = Taxonomy.defaultSupport();
        List<TrainingExample> english = new ArrayList<>();
        List<LabeledExample> spanish = new ArrayList<>();
        for (var definition : taxonomy.definitions()) {
            List<String> examples = definition.examples();
            for (int i = 0; i < examples.size(); i++) {
                if (i < 2) english.add(TrainingExample.category(examples.get(i), definition.category().id()));
                else spanish.add(new LabeledExample(examples.get(i), definition.category().id()));
            }
        }
        try (CachedEncoder encoder = encoder(encoderName)) {
            for (String features : List.of("vec", "ngram", "both")) {
                EmbeddedModel model = train(encoder, features(features), 1e-4, english, taxonomy);
                EvaluationReport report = evaluate(model, encoder, taxonomy, spanish, LabelSelector.category(), "es");
                System.out.printf(Locale.ROOT, "train on %d English examples, classify %d Spanish ones (%s, %s): accuracy %.3f%n",
                        english.size(), spanish.size(), encoderName, features, report.accuracy());
            }
        }
    }

    private static void trainingTime(String encoderName, int count, int threads) throws IOException {
        TrainingSet train = banking("train.csv");
        List<TrainingExample> examples = train.examples().subList(0, Math.min(count, train.size()));
        Taxonomy taxonomy = train.derivedTaxonomy();
        long started = System.nanoTime();
        try (OnnxTextEncoder encoder = OnnxTextEncoder.builtIn(encoderName, EncoderSettings.defaults())) {
            double load = (System.nanoTime() - started) / 1e9;
            long trainStart = System.nanoTime();
            EmbeddedModel model = EmbeddedTrainer.create(encoder, TrainingOptions.defaults().withThreads(threads)).train(TrainingSet.of(examples), taxonomy);
            System.out.printf(Locale.ROOT, "training on %,d examples (%s, default features, %d thread(s)): %.1f s (encoder load %.1f s); head %s%n",
                    examples.size(), encoderName, threads, (System.nanoTime() - trainStart) / 1e9, load, model.report(ClassificationField.CATEGORY).orElseThrow());
        }
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException e) {
            // not Linux
        }
        return 0;
    }
}
