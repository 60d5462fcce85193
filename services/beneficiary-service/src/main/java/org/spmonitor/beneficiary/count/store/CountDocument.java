package org.spmonitor.beneficiary.count.store;

import java.time.Instant;
import java.util.List;

import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.platform.outbox.OutboxDocument;
import org.spmonitor.platform.outbox.OutboxEvent;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A beneficiary count: latest version, full history and pending events in one document. */
@Document(CountDocument.COLLECTION)
public class CountDocument extends OutboxDocument {

    public static final String COLLECTION = "beneficiary_counts";

    @Id
    private String id;
    private long version;
    private String country;
    private String programmeId;
    private String period;
    private int year;
    private String targetGroup;
    private String measure;
    private boolean withdrawn;
    private BeneficiaryCountSubmission current;
    private List<CountVersion> history;

    CountDocument() {
    }

    CountDocument(String id, String country, int year, BeneficiaryCountSubmission submission, CountVersion first,
            OutboxEvent event) {
        super(List.of(event), first.at());
        this.id = id;
        this.version = first.version();
        this.country = country;
        this.programmeId = submission.programmeId();
        this.period = submission.period();
        this.year = year;
        this.targetGroup = submission.targetGroup().name();
        this.measure = submission.measure().name();
        this.current = submission;
        this.history = List.of(first);
    }

    public String getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public String getCountry() {
        return country;
    }

    public boolean isWithdrawn() {
        return withdrawn;
    }

    public BeneficiaryCountSubmission getCurrent() {
        return current;
    }

    public List<CountVersion> getHistory() {
        return history;
    }

    /** One version: when, by whom, and either the submission or the withdrawal reason. */
    public record CountVersion(long version, Instant at, String by, BeneficiaryCountSubmission submission,
            String withdrawalReason) {
    }
}
