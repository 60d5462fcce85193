package org.spmonitor.beneficiary;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.spmonitor.platform.programmeview.KnownProgramme;
import org.spmonitor.events.programme.AnnualTarget;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.TargetGroup;

/** Object mother of programmes, as events (for the broker) and as the local view knows them. */
public final class Programmes {

    public static String freshId() {
        return "prg-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A Family Package running 2024-01-01..2027-12-31 in {@code country}. */
    public static ProgrammeRegistered familyPackage(String id, String country) {
        return new ProgrammeRegistered(id, 1, country, "Family Package", null, List.of("ILO", "UNICEF"), List.of("EU"),
                LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31), ProgrammeStatus.ACTIVE, List.of(), List.of(),
                List.of(TargetGroup.CHILDREN), List.of(new AnnualTarget(2025, 1_000_000, 400_000)));
    }

    public static KnownProgramme known(String id, String country) {
        return new KnownProgramme(id, 1, country, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31),
                ProgrammeStatus.ACTIVE);
    }

    private Programmes() {
    }
}
