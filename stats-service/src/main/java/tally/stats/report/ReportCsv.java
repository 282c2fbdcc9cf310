package tally.stats.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A report as CSV: one row per group, a column for the dimension (if any), one per metric (revenue
 * as "19.98 EUR; 5 USD"), and
 * with a comparison the earlier period's value and the change of each metric. A report has at
 * most 10,000 rows (its page), so it is written whole.
 */
final class ReportCsv {

    private ReportCsv() {}

    static String of(Report report, ReportAnswer answer) {
        List<String> header = new ArrayList<>();
        report.dimensionName().ifPresent(header::add);
        report.metrics().forEach(m -> header.add(m.apiName));
        if (report.comparison().isPresent()) {
            report.metrics().forEach(m -> header.add("previous_" + m.apiName));
            report.metrics().forEach(m -> header.add("change_" + m.apiName));
        }
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (ReportAnswer.Result row : answer.results()) {
                List<Object> cells = new ArrayList<>(row.dimensions());
                row.metrics().forEach(m -> cells.add(cell(m)));
                if (row.comparison() != null) {
                    row.comparison().metrics().forEach(m -> cells.add(cell(m)));
                    cells.addAll(row.comparison().change());
                }
                csv.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /** A metric's cell: a number, or revenue as its amounts and currencies ("19.98 EUR; 5 USD"). */
    private static Object cell(Object metric) {
        return metric instanceof Map<?, ?> amounts
                ? String.join("; ", amounts.entrySet().stream().map(a -> a.getValue() + " " + a.getKey()).toList())
                : metric;
    }
}
