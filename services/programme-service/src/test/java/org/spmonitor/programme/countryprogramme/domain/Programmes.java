package org.spmonitor.programme.countryprogramme.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.spmonitor.events.programme.Branch;
import org.spmonitor.events.programme.FloorGuarantee;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.TargetGroup;

/** Object mother of the domain: realistic programmes, milestones and indicators, and a fixed "now". */
public final class Programmes {

    /** Tests run on 1 July 2025, 09:00 UTC. */
    public static final Instant NOW = Instant.parse("2025-07-01T09:00:00Z");
    public static final LocalDate TODAY = LocalDate.of(2025, 7, 1);
    public static final String TEAM = "khm-country-team";

    public static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** Cambodia's Family Package, as in the ProgrammeRegistered golden file. */
    public static ProgrammeDetails cambodiaFamilyPackage() {
        return new ProgrammeDetails("KHM", "Cambodia Family Package: cash transfers for the social protection floor",
                "Integrated cash transfers for pregnant women and children under two, persons with disabilities and "
                        + "older persons in IDPoor households, with SP&PFM support to the Ministry of Economy and Finance.",
                List.of("ILO", "UNICEF", "GCSPF"), List.of("EU"),
                LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31), ProgrammeStatus.ACTIVE,
                List.of(FloorGuarantee.CHILDREN, FloorGuarantee.WORKING_AGE, FloorGuarantee.OLDER_PERSONS),
                List.of(Branch.FAMILY, Branch.MATERNITY, Branch.INVALIDITY, Branch.OLD_AGE),
                List.of(TargetGroup.MOTHERS_WITH_NEWBORNS, TargetGroup.CHILDREN, TargetGroup.PERSONS_WITH_DISABILITIES,
                        TargetGroup.OLDER_PERSONS, TargetGroup.POOR_AND_VULNERABLE),
                List.of(new YearTarget(2025, 1_850_000L, 1_200_000L), new YearTarget(2026, 1_900_000L, 1_400_000L)));
    }

    /** The Family Package with other annual targets. */
    public static ProgrammeDetails cambodiaFamilyPackageWithTargets(YearTarget... targets) {
        ProgrammeDetails d = cambodiaFamilyPackage();
        return new ProgrammeDetails(d.country(), d.name(), d.description(), d.partners(), d.donors(), d.startDate(),
                d.endDate(), d.status(), d.floorGuarantees(), d.branches(), d.targetGroups(), List.of(targets));
    }

    /** The Family Package with other dates (and no annual targets, which the dates might exclude). */
    public static ProgrammeDetails cambodiaFamilyPackageRunning(LocalDate start, LocalDate end) {
        ProgrammeDetails d = cambodiaFamilyPackage();
        return new ProgrammeDetails(d.country(), d.name(), d.description(), d.partners(), d.donors(), start, end,
                d.status(), d.floorGuarantees(), d.branches(), d.targetGroups(), List.of());
    }

    public static ProgrammeDetails cambodiaFamilyPackageWithStatus(ProgrammeStatus status) {
        ProgrammeDetails d = cambodiaFamilyPackage();
        return new ProgrammeDetails(d.country(), d.name(), d.description(), d.partners(), d.donors(), d.startDate(),
                d.endDate(), status, d.floorGuarantees(), d.branches(), d.targetGroups(), d.annualTargets());
    }

    /** A plain programme of {@code country} running 2024 to 2027. */
    public static ProgrammeDetails programme(String country, String name) {
        return new ProgrammeDetails(country, name, null, List.of("ILO"), List.of(), LocalDate.of(2024, 1, 1),
                LocalDate.of(2027, 12, 31), ProgrammeStatus.ACTIVE, List.of(), List.of(),
                List.of(TargetGroup.CHILDREN), List.of());
    }

    /** The Family Package registered (version 1) by the Cambodian country team. */
    public static Programme registered() {
        return Programme.register(cambodiaFamilyPackage(), TEAM, NOW).programme();
    }

    public static NewMilestone subDecree() {
        return new NewMilestone("Sub-decree on the social protection floor adopted by the Council of Ministers",
                LocalDate.of(2025, 6, 30), MilestoneStatus.PLANNED, LocalDate.of(2025, 1, 10), null);
    }

    public static IndicatorDefinition sdg131() {
        return new IndicatorDefinition("SDG-1.3.1",
                "Proportion of population covered by at least one social protection benefit", "%",
                new Measurement(new BigDecimal("24.1"), 2020), new Measurement(new BigDecimal("40.0"), 2027));
    }

    /** The Family Package with SDG 1.3.1 defined (version 2). */
    public static Programme withSdg131() {
        return registered().defineIndicator(sdg131(), TEAM, NOW).programme();
    }

    public static ResultReport result(String period, String value) {
        return new ResultReport("SDG-1.3.1", period, value == null ? null : new BigDecimal(value));
    }

    private Programmes() {
    }
}
