package org.spmonitor.events.programme;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.spmonitor.events.DomainEvent;

/** A milestone was added to a programme or its status changed, with a dated note. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MilestoneReported(
        String programmeId,
        long version,
        String country,
        String milestoneId,
        String title,
        LocalDate dueDate,
        MilestoneStatus status,
        LocalDate statusDate,
        String note) implements DomainEvent {

    @Override
    public String key() {
        return country;
    }

    @Override
    public String subject() {
        return programmeId;
    }
}
