package org.spmonitor.reporting.projection;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.platform.events.ReceivedEvent;
import org.spmonitor.reporting.completeness.domain.ProgrammeReporting;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.store.CompletenessStore;
import org.spmonitor.reporting.dashboard.store.FactBucket;
import org.spmonitor.reporting.dashboard.store.FactStore;
import org.spmonitor.reporting.dashboard.store.FactStore.ProgrammeYear;
import org.spmonitor.reporting.dashboard.store.ProgrammeNode;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the completeness documents of the country-years a batch touched (ADR 0020), from the same
 * documents the batch projected: each touched programme-year's schedule (its programme document), the
 * state of its counts (its count bucket) and indicator actuals (its programme document), and each touched
 * country-year's financing reports (its financing bucket). Whether an item is there and validated is the
 * state of its fact (so a review event of any dataset plugs in by updating the fact's review state);
 * when it first arrived is the earliest {@code ce_time} of an event that reported it, which neither a
 * redelivery nor a replay changes. Read before the facts and written under the guard of ADR 0012, like
 * the country-year nodes.
 */
final class CompletenessProjection {

    private final CompletenessStore store;
    private final CompletenessReceipts receipts;

    CompletenessProjection(CompletenessStore store, JsonMapper json) {
        this.store = store;
        this.receipts = new CompletenessReceipts(json);
    }

    /** Reads the documents of the touched country-years: before the facts they are computed from. */
    Map<CountryYear, CompletenessStore.Node> read(Collection<CountryYear> touched) {
        return store.nodes(touched);
    }

    /** Recomputes the touched programme-years and country-years and writes what changed. */
    void project(Map<CountryYear, CompletenessStore.Node> nodes, List<ReceivedEvent> events,
            Collection<ProgrammeYear> programmeYears, Map<String, ProgrammeNode> programmes,
            Map<String, FactBucket> counts, Map<CountryYear, FactBucket> financing) {
        Arrivals arrivals = new Arrivals(events);
        for (ProgrammeYear py : programmeYears) {
            CompletenessStore.Node node = nodes.get(py.countryYear());
            ProgrammeNode programme = programmes.get(py.programmeId());
            FactBucket bucket = counts.get(FactStore.countBucketId(py.country(), py.year(), py.programmeId()));
            if (node != null && programme != null && bucket != null) {
                node.put(receipts.programmeReporting(py, node.programmes().get(py.programmeId()), programme, bucket,
                        item -> arrivals.of(py.countryYear(), item)));
            }
        }
        financing.forEach((key, bucket) -> {
            CompletenessStore.Node node = nodes.get(key);
            if (node != null) {
                receipts.financing(node.financing(), bucket, item -> arrivals.of(key, item));
            }
        });
        store.save(nodes.values());
    }

    /** The earliest time of the batch's events that reported each item, by country-year. */
    private static final class Arrivals {

        private final Map<CountryYear, Map<String, Instant>> times = new HashMap<>();

        Arrivals(List<ReceivedEvent> events) {
            for (ReceivedEvent event : events) {
                Object payload = event.payload();
                if (payload instanceof BeneficiaryCountReported c) {
                    offer(new CountryYear(c.country(), CompletenessReceipts.yearOf(c.period())),
                            c.programmeId() + "|" + ProgrammeReporting.key(c.period(), c.targetGroup() + "/" + c.measure()),
                            event.time());
                }
                else if (payload instanceof FinancingReportSubmitted r) {
                    offer(new CountryYear(r.country(), CompletenessReceipts.yearOf(r.period())),
                            CompletenessReceipts.financingItem(r.period(), r.programmeId()), event.time());
                }
                else if (payload instanceof IndicatorResultReported i) {
                    offer(new CountryYear(i.country(), CompletenessReceipts.yearOf(i.period())),
                            i.programmeId() + "|" + ProgrammeReporting.key(i.period(), i.indicatorCode()),
                            event.time());
                }
            }
        }

        private void offer(CountryYear key, String item, Instant time) {
            if (time != null) {
                times.computeIfAbsent(key, k -> new HashMap<>()).merge(item, time, (a, b) -> a.isBefore(b) ? a : b);
            }
        }

        Instant of(CountryYear key, String item) {
            return times.getOrDefault(key, Map.of()).get(item);
        }
    }
}
