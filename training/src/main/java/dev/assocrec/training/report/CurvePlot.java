package dev.assocrec.training.report;

import dev.assocrec.training.model.EpochStats;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A small hand-written SVG of the training curve: validation NDCG@20 (left axis) and training
 * loss (right axis) per epoch, the chosen epoch marked.
 */
public final class CurvePlot {
    private static final int W = 640;
    private static final int H = 320;
    private static final int LEFT = 60;
    private static final int RIGHT = 60;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;

    private CurvePlot() {}

    public static String svg(String title, List<EpochStats> curve, int bestEpoch) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n", W, H));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\">%s</text>%n", LEFT, escape(title)));
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        s.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", LEFT, TOP, plotW, plotH));
        if (curve.isEmpty()) {
            return s.append("</svg>\n").toString();
        }
        int maxEpoch = curve.get(curve.size() - 1).epoch();
        int minEpoch = curve.get(0).epoch();
        Range ndcg = range(curve, EpochStats::validationNdcg20);
        Range loss = range(curve, EpochStats::loss);
        line(s, curve, EpochStats::validationNdcg20, ndcg, minEpoch, maxEpoch, "#1f77b4");
        line(s, curve, EpochStats::loss, loss, minEpoch, maxEpoch, "#d62728");
        // A refit on train + validation has no validation scores: no NDCG axis then.
        boolean validated = curve.stream().anyMatch(e -> !Double.isNaN(e.validationNdcg20()));
        for (int i = 0; i <= 4; i++) {
            double f = i / 4.0;
            double y = TOP + plotH * (1 - f);
            if (validated) {
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#1f77b4\">%.4f</text>%n",
                        LEFT - 4, y + 4, ndcg.lo + f * (ndcg.hi - ndcg.lo)));
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"#d62728\">%.3f</text>%n",
                    W - RIGHT + 4, y + 4, loss.lo + f * (loss.hi - loss.lo)));
        }
        for (EpochStats e : curve) {
            double x = x(e.epoch(), minEpoch, maxEpoch);
            if (curve.size() <= 20 || e.epoch() % 5 == 0) {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                        x, H - BOTTOM + 14, e.epoch()));
            }
        }
        if (bestEpoch >= minEpoch && bestEpoch <= maxEpoch) {
            double x = x(bestEpoch, minEpoch, maxEpoch);
            s.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#2ca02c\" stroke-dasharray=\"4 3\"/>%n",
                    x, TOP, x, TOP + plotH));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">epoch</text>%n",
                LEFT + plotW / 2, H - 8));
        if (validated) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#1f77b4\">validation NDCG@20</text>",
                    W - RIGHT - 330, 18));
        }
        s.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" fill=\"#d62728\">train loss</text>"
                        + "<text x=\"%d\" y=\"%d\" fill=\"#2ca02c\">%s</text>%n",
                W - RIGHT - 190, 18, W - RIGHT - 110, 18, validated ? "chosen epoch" : "epochs trained"));
        return s.append("</svg>\n").toString();
    }

    private record Range(double lo, double hi) {}

    private static Range range(List<EpochStats> curve, ToDoubleFunction<EpochStats> f) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (EpochStats e : curve) {
            double v = f.applyAsDouble(e);
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            return new Range(0, 1);
        }
        if (hi - lo < 1e-9) {
            return new Range(lo - 0.5 * Math.abs(lo) - 1e-3, hi + 0.5 * Math.abs(hi) + 1e-3);
        }
        return new Range(lo, hi);
    }

    private static double x(int epoch, int min, int max) {
        int plotW = W - LEFT - RIGHT;
        return max == min ? LEFT + plotW / 2.0 : LEFT + plotW * (epoch - min) / (double) (max - min);
    }

    private static void line(StringBuilder s, List<EpochStats> curve, ToDoubleFunction<EpochStats> f, Range r,
                             int minEpoch, int maxEpoch, String colour) {
        int plotH = H - TOP - BOTTOM;
        StringBuilder pts = new StringBuilder();
        for (EpochStats e : curve) {
            double v = f.applyAsDouble(e);
            if (Double.isNaN(v)) {
                continue;
            }
            double y = TOP + plotH * (1 - (v - r.lo) / (r.hi - r.lo));
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(e.epoch(), minEpoch, maxEpoch), y));
        }
        s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                colour, pts.toString().trim()));
    }

    private static String escape(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
