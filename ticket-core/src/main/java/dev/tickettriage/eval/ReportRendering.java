package dev.tickettriage.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;

/** Text and JSON forms of an {@link EvaluationReport}. */
final class ReportRendering {

    private ReportRendering() {
    }

    static String text(EvaluationReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Evaluation: ").append(report.name()).append('\n');
        out.append(String.format(Locale.ROOT, "examples %d, errors %d, accuracy %.4f, macro-F1 %.4f%n", report.examples(),
                report.errors(), report.accuracy(), report.macroF1()));
        out.append(String.format(Locale.ROOT, "latency p50 %s, p95 %s, p99 %s; tokens %d%n", micros(report.p50()),
                micros(report.p95()), micros(report.p99()), report.totalTokens()));
        if (!report.errorsByKind().isEmpty()) out.append("errors by kind: ").append(report.errorsByKind()).append('\n');
        report.calibration().ifPresent(calibration -> {
            out.append(String.format(Locale.ROOT, "calibration over %d rated: ECE %.4f, MCE %.4f, mean confidence %.4f, accuracy %.4f%n",
                    calibration.rated(), calibration.expectedCalibrationError(), calibration.maxCalibrationError(),
                    calibration.meanConfidence(), calibration.accuracy()));
            out.append(String.format(Locale.ROOT, "%-11s  %7s  %10s  %8s%n", "confidence", "count", "mean conf.", "accuracy"));
            for (Calibration.ReliabilityBin bin : calibration.bins()) {
                if (bin.count() == 0) continue;
                out.append(String.format(Locale.ROOT, "[%.1f, %.1f%s  %7d  %10.4f  %8.4f%n", bin.lower(), bin.upper(),
                        bin.upper() >= 1 ? "]" : ")", bin.count(), bin.meanConfidence(), bin.accuracy()));
            }
        });
        int width = Math.max(5, report.labels().stream().mapToInt(String::length).max().orElse(5));
        out.append('\n').append(String.format(Locale.ROOT, "%-" + width + "s  %9s  %9s  %9s  %7s%n", "label", "precision",
                "recall", "f1", "support"));
        for (LabelMetrics metrics : report.perLabel()) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s  %9.4f  %9.4f  %9.4f  %7d%n", metrics.label(),
                    metrics.precision(), metrics.recall(), metrics.f1(), metrics.support()));
        }
        if (report.labels().size() <= 20) {
            out.append('\n').append("confusion (rows gold, columns predicted)\n");
            int cell = Math.max(7, width);
            out.append(String.format(Locale.ROOT, "%-" + width + "s", ""));
            for (String label : report.labels()) out.append(String.format(Locale.ROOT, "  %" + cell + "s", label));
            out.append('\n');
            for (String gold : report.labels()) {
                out.append(String.format(Locale.ROOT, "%-" + width + "s", gold));
                for (String predicted : report.labels()) {
                    out.append(String.format(Locale.ROOT, "  %" + cell + "d", report.confusion(gold, predicted)));
                }
                out.append('\n');
            }
        } else {
            out.append("\nconfusion matrix omitted from text (").append(report.labels().size()).append(" labels); see JSON\n");
        }
        return out.toString();
    }

    static String json(EvaluationReport report, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("name", report.name());
        root.put("examples", report.examples());
        root.put("errors", report.errors());
        ObjectNode errors = root.putObject("errorsByKind");
        report.errorsByKind().forEach(errors::put);
        root.put("accuracy", report.accuracy());
        root.put("macroF1", report.macroF1());
        ObjectNode latency = root.putObject("latencyMicros");
        latency.put("p50", report.p50().toNanos() / 1000.0);
        latency.put("p95", report.p95().toNanos() / 1000.0);
        latency.put("p99", report.p99().toNanos() / 1000.0);
        root.put("totalTokens", report.totalTokens());
        report.calibration().ifPresent(calibration -> {
            ObjectNode node = root.putObject("calibration");
            node.put("rated", calibration.rated());
            node.put("ece", calibration.expectedCalibrationError());
            node.put("mce", calibration.maxCalibrationError());
            node.put("meanConfidence", calibration.meanConfidence());
            node.put("accuracy", calibration.accuracy());
            ArrayNode bins = node.putArray("reliability");
            for (Calibration.ReliabilityBin bin : calibration.bins()) {
                bins.addObject().put("lower", bin.lower()).put("upper", bin.upper()).put("count", bin.count())
                        .put("meanConfidence", bin.meanConfidence()).put("accuracy", bin.accuracy());
            }
        });
        ArrayNode labels = root.putArray("perLabel");
        for (LabelMetrics metrics : report.perLabel()) {
            labels.addObject().put("label", metrics.label()).put("precision", metrics.precision())
                    .put("recall", metrics.recall()).put("f1", metrics.f1()).put("support", metrics.support());
        }
        ObjectNode confusion = root.putObject("confusion");
        for (String gold : report.labels()) {
            ObjectNode row = confusion.putObject(gold);
            for (String predicted : report.labels()) {
                long count = report.confusion(gold, predicted);
                if (count > 0) row.put(predicted, count);
            }
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    private static String micros(Duration duration) {
        return String.format(Locale.ROOT, "%.1f µs", duration.toNanos() / 1000.0);
    }
}
