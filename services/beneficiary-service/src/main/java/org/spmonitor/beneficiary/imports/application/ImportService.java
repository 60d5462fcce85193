package org.spmonitor.beneficiary.imports.application;

import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.spmonitor.beneficiary.count.application.CountService;
import org.spmonitor.beneficiary.count.domain.CountRecord;
import org.spmonitor.beneficiary.count.domain.CountRules;
import org.spmonitor.beneficiary.count.domain.CountWrite;
import org.spmonitor.beneficiary.count.domain.PreparedCount;
import org.spmonitor.beneficiary.count.domain.Provenance;
import org.spmonitor.beneficiary.imports.domain.CsvColumns;
import org.spmonitor.beneficiary.imports.domain.Dhis2Assembler;
import org.spmonitor.beneficiary.imports.domain.Dhis2DataValueSet;
import org.spmonitor.beneficiary.imports.domain.Dhis2Mapping;
import org.spmonitor.beneficiary.imports.domain.ImportReport;
import org.spmonitor.platform.programmeview.ProgrammeLookup;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.platform.csv.CsvReader;
import org.spmonitor.platform.imports.ImportTally;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.InvalidInputException;
import org.spmonitor.platform.validation.Violations;
import org.spmonitor.platform.write.WriteOutcome;

import org.springframework.stereotype.Service;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports counts from a CSV file or a DHIS2 {@code dataValueSets} file. Row by row: a bad row is
 * rejected (with its line, field and reason) and the others are imported. CSV is streamed: rows are
 * read one at a time and written in bulk chunks of {@link CountService#CHUNK}, so memory does not grow
 * with the file. A problem with the file as a whole (header, mapping, not JSON) refuses the import
 * with a 400 before anything is stored.
 */
@Service
public class ImportService {

    /** Most data values one DHIS2 file may hold (it is read whole; use CSV for more). */
    public static final int MAX_DHIS2_VALUES = 500_000;

    private final CountService counts;
    private final JsonMapper strict;
    private final JsonMapper lenient;

    public ImportService(CountService counts, JsonMapper mapper) {
        this.counts = counts;
        this.strict = mapper.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        this.lenient = mapper.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    private record Pending(Long line, Integer value, PreparedCount count) {
    }

    /** Buffers valid counts and writes them a chunk at a time. */
    private final class Chunks {
        private final List<Pending> pending = new ArrayList<>(CountService.CHUNK);
        private final ImportTally<ImportReport.Change> tally;
        private final Provenance provenance;

        Chunks(ImportTally<ImportReport.Change> tally, Provenance provenance) {
            this.tally = tally;
            this.provenance = provenance;
        }

        void add(Pending item) {
            pending.add(item);
            if (pending.size() >= CountService.CHUNK) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<CountWrite> results = counts.storeAll(pending.stream().map(Pending::count).toList(), provenance,
                    tally.dryRun());
            for (int i = 0; i < results.size(); i++) {
                Pending item = pending.get(i);
                CountWrite result = results.get(i);
                tally.store(result.outcome(), () -> new ImportReport.Change(item.line(), item.value(),
                        result.countId(), result.outcome().name(), result.version()));
            }
            pending.clear();
        }
    }

    /** A row for a country the caller may not write for is rejected like any invalid row. */
    private static boolean allowed(PreparedCount count, Predicate<String> mayWriteFor, Violations violations) {
        return violations.check(mayWriteFor.test(count.country()), "programmeId",
                () -> "belongs to " + count.country() + ", a country you may not write for");
    }

    public ImportReport importCsv(Reader reader, boolean dryRun, String by, Predicate<String> mayWriteFor) {
        String importId = "imp-" + UUID.randomUUID();
        CsvReader csv = CsvReader.open(reader);
        CsvReader.Row header = csv.next();
        if (header == null) {
            throw new InvalidInputException("file", "is empty: the first line must be the header "
                    + String.join(",", CsvColumns.ALL));
        }
        if (header.error() != null) {
            throw new InvalidInputException("header", header.error());
        }
        Violations headerViolations = new Violations();
        CsvColumns columns = CsvColumns.fromHeader(header.fields(), headerViolations).orElse(null);
        headerViolations.throwIfAny();
        ImportTally<ImportReport.Change> tally = new ImportTally<>(importId, dryRun);
        Chunks chunks = new Chunks(tally, new Provenance(by, "import-csv", importId, null));
        ProgrammeLookup lookup = counts.programmeLookup();
        Map<String, Long> firstLine = new HashMap<>();
        for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) {
            tally.receive();
            long line = row.line();
            if (row.error() != null) {
                tally.reject(line, null, List.of(new FieldViolation("", row.error())));
                continue;
            }
            Violations violations = new Violations();
            Optional<PreparedCount> count = columns.toSubmission(row.fields(), violations)
                    .flatMap(s -> CountRules.prepare(s, lookup.find(s.programmeId()), violations))
                    .filter(c -> allowed(c, mayWriteFor, violations));
            if (count.isEmpty()) {
                tally.reject(line, null, violations.list());
                continue;
            }
            Long earlier = firstLine.putIfAbsent(count.get().countId(), line);
            if (earlier != null) {
                tally.reject(line, null, List.of(new FieldViolation("", "is the same count (programmeId, period,"
                        + " targetGroup, measure) as line " + earlier + "; each count may appear once per file")));
                continue;
            }
            chunks.add(new Pending(line, null, count.get()));
        }
        chunks.flush();
        return ImportReport.of(tally, "csv");
    }

    public ImportReport importDhis2(InputStream data, InputStream mappingJson, boolean dryRun, String by,
            Predicate<String> mayWriteFor) {
        String importId = "imp-" + UUID.randomUUID();
        Dhis2Mapping mapping = readMapping(mappingJson);
        Dhis2DataValueSet set;
        try {
            set = lenient.readValue(data, Dhis2DataValueSet.class);
        }
        catch (JacksonException ex) {
            throw new InvalidInputException("file", "is not a DHIS2 dataValueSets JSON document: "
                    + ex.getOriginalMessage());
        }
        if (set == null || set.dataValues() == null) {
            throw new InvalidInputException("file.dataValues", "is required: a DHIS2 dataValueSets document has a"
                    + " dataValues array");
        }
        if (set.dataValues().size() > MAX_DHIS2_VALUES) {
            throw new InvalidInputException("file.dataValues", "holds " + set.dataValues().size()
                    + " values; at most " + MAX_DHIS2_VALUES + " per file (split it, or import CSV)");
        }
        ImportTally<ImportReport.Change> tally = new ImportTally<>(importId, dryRun);
        set.dataValues().forEach(value -> tally.receive());
        List<Dhis2Assembler.Deletion> deletions = new ArrayList<>();
        List<Dhis2Assembler.Assembled> assembled = Dhis2Assembler.assemble(set, mapping, new Dhis2Assembler.Sink() {
            @Override
            public void rejected(int value, List<FieldViolation> violations) {
                tally.reject(null, value, violations);
            }

            @Override
            public void ignored(int value, String dataElement) {
                tally.ignore(dataElement);
            }

            @Override
            public void deleted(Dhis2Assembler.Deletion deletion) {
                deletions.add(deletion);
            }
        });
        Provenance provenance = new Provenance(by, "import-dhis2", importId, null);
        Chunks chunks = new Chunks(tally, provenance);
        ProgrammeLookup lookup = counts.programmeLookup();
        for (Dhis2Assembler.Assembled count : assembled) {
            BeneficiaryCountSubmission submission = count.submission();
            Violations violations = new Violations();
            Optional<PreparedCount> prepared = CountRules.prepare(submission, lookup.find(submission.programmeId()),
                    violations).filter(c -> allowed(c, mayWriteFor, violations));
            if (prepared.isEmpty()) {
                tally.reject(null, count.firstValue(), violations.list().stream()
                        .map(v -> new FieldViolation(v.field(), v.message() + " (the count of " + describe(submission)
                                + ")"))
                        .toList());
            }
            else {
                chunks.add(new Pending(null, count.firstValue(), prepared.get()));
            }
        }
        chunks.flush();
        List<ImportReport.Withdrawal> withdrawals = new ArrayList<>(deletions.size());
        for (Dhis2Assembler.Deletion deletion : deletions) {
            withdraw(deletion, tally, provenance, mayWriteFor).ifPresent(withdrawals::add);
        }
        return ImportReport.of(tally, "dhis2", withdrawals);
    }

    /**
     * Withdraws (in a dry run, only reports) the count that deleted DHIS2 values filled. A count of a
     * country the caller may not write for is rejected like any value; a count that does not exist is
     * reported as having nothing to withdraw, which does not fail the import.
     */
    private Optional<ImportReport.Withdrawal> withdraw(Dhis2Assembler.Deletion deletion,
            ImportTally<ImportReport.Change> tally, Provenance provenance, Predicate<String> mayWriteFor) {
        String countId = deletion.key().countId();
        String name = deletion.key().toString();
        CountRecord current = counts.find(countId).orElse(null);
        if (current == null) {
            return Optional.of(new ImportReport.Withdrawal(deletion.firstValue(), countId, name,
                    ImportReport.Withdrawal.NOTHING_TO_WITHDRAW, null));
        }
        if (!mayWriteFor.test(current.country())) {
            tally.reject(null, deletion.firstValue(), List.of(new FieldViolation("orgUnit", "the count of " + name
                    + " belongs to " + current.country() + ", a country you may not write for")));
            return Optional.empty();
        }
        if (tally.dryRun()) {
            return Optional.of(current.withdrawn()
                    ? new ImportReport.Withdrawal(deletion.firstValue(), countId, name, WriteOutcome.UNCHANGED.name(),
                            current.version())
                    : new ImportReport.Withdrawal(deletion.firstValue(), countId, name,
                            ImportReport.Withdrawal.WITHDRAW, current.version() + 1));
        }
        CountWrite result = counts.withdraw(countId, "deleted in DHIS2 (import " + provenance.reference() + ")",
                provenance);
        return Optional.of(new ImportReport.Withdrawal(deletion.firstValue(), countId, name, result.outcome().name(),
                result.version()));
    }

    private Dhis2Mapping readMapping(InputStream mappingJson) {
        if (mappingJson == null) {
            throw new InvalidInputException("mapping", "is required for a DHIS2 import: a JSON file mapping data"
                    + " elements and org units (see GET /api/v1/beneficiary-counts/imports/dhis2-mapping-example.json)");
        }
        Dhis2Mapping mapping;
        try {
            mapping = strict.readValue(mappingJson, Dhis2Mapping.class);
        }
        catch (JacksonException ex) {
            throw new InvalidInputException("mapping", "is not a valid mapping file: " + ex.getOriginalMessage());
        }
        Violations violations = new Violations();
        if (mapping == null) {
            violations.add("mapping", "must be a JSON object");
        }
        else {
            mapping.validate(violations);
        }
        violations.throwIfAny();
        return mapping;
    }

    private static String describe(BeneficiaryCountSubmission s) {
        return s.programmeId() + " " + s.period() + " " + s.targetGroup() + " " + s.measure();
    }
}
