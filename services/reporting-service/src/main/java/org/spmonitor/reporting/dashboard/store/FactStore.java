package org.spmonitor.reporting.dashboard.store;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.bson.Document;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.BeneficiaryCountWithdrawn;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.platform.store.VersionGuard;
import org.spmonitor.reporting.dashboard.domain.CountFact;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Facts by natural key, each with the version of the event that wrote it: an older or equal version
 * never overwrites a newer one, so redelivery and replay change nothing.
 */
@Repository
public class FactStore {

    static final String COUNTS = "beneficiary_facts";
    static final String PROGRAMMES = "programme_facts";

    private final MongoTemplate mongo;

    public FactStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public boolean saveCount(BeneficiaryCountReported count, Instant eventTime) {
        int year = ReportingPeriod.parse(count.period()).map(ReportingPeriod::year).orElseThrow();
        return VersionGuard.upsertIfNewer(mongo, COUNTS, count.countId(), count.version(), new Update()
                .set("country", count.country()).set("year", year).set("withdrawn", false)
                .set("eventTime", eventTime).set("count", count));
    }

    public boolean withdrawCount(BeneficiaryCountWithdrawn withdrawn, Instant eventTime) {
        int year = ReportingPeriod.parse(withdrawn.period()).map(ReportingPeriod::year).orElseThrow();
        return VersionGuard.upsertIfNewer(mongo, COUNTS, withdrawn.countId(), withdrawn.version(), new Update()
                .set("country", withdrawn.country()).set("year", year).set("withdrawn", true)
                .set("eventTime", eventTime));
    }

    public boolean saveProgramme(ProgrammeFact programme, long version, Instant eventTime) {
        return VersionGuard.upsertIfNewer(mongo, PROGRAMMES, programme.programmeId(), version, new Update()
                .set("country", programme.country()).set("eventTime", eventTime).set("programme", programme));
    }

    public Optional<ProgrammeFact> programme(String programmeId) {
        Document document = mongo.findById(programmeId, Document.class, PROGRAMMES);
        return Optional.ofNullable(document).map(d -> read(ProgrammeFact.class, d.get("programme")));
    }

    /** The live (not withdrawn) counts of a country and year. */
    public List<CountFact> counts(String country, int year) {
        Query query = new Query(Criteria.where("country").is(country).and("year").is(year).and("withdrawn").is(false));
        return mongo.find(query, Document.class, COUNTS).stream()
                .map(d -> read(BeneficiaryCountReported.class, d.get("count")))
                .filter(Objects::nonNull)
                .map(CountFact::of)
                .toList();
    }

    public List<ProgrammeFact> programmes(String country) {
        return mongo.find(new Query(Criteria.where("country").is(country)), Document.class, PROGRAMMES).stream()
                .map(d -> read(ProgrammeFact.class, d.get("programme"))).filter(Objects::nonNull).toList();
    }

    /** Years for which a country has counts (withdrawn ones included). */
    public List<Integer> yearsWithCounts(String country) {
        return mongo.findDistinct(new Query(Criteria.where("country").is(country)), "year", COUNTS, Integer.class);
    }

    /** Time of the newest event reflected in the facts of a country and year. */
    public Optional<Instant> newestEventTime(String country, int year) {
        Optional<Instant> counts = newest(new Query(Criteria.where("country").is(country).and("year").is(year)), COUNTS);
        Optional<Instant> programmes = newest(new Query(Criteria.where("country").is(country)), PROGRAMMES);
        return counts.isEmpty() ? programmes
                : programmes.isEmpty() ? counts
                : Optional.of(counts.get().isAfter(programmes.get()) ? counts.get() : programmes.get());
    }

    private Optional<Instant> newest(Query query, String collection) {
        query.with(Sort.by(Sort.Direction.DESC, "eventTime")).limit(1);
        Document document = mongo.findOne(query, Document.class, collection);
        return Optional.ofNullable(document).map(d -> d.get("eventTime")).map(t -> ((Date) t).toInstant());
    }

    private <T> T read(Class<T> type, Object value) {
        return value instanceof Document document ? mongo.getConverter().read(type, document) : null;
    }
}
