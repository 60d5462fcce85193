package org.spmonitor.local;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void loadsOnlyIntoAStackWithoutProgrammesWhetherTheListIsAPageOrAnArray() {
        assertThat(DemoData.holdsNoProgramme(json.readTree("""
                {"items":[],"page":0,"size":1,"totalItems":0,"totalPages":0}"""))).isTrue();
        assertThat(DemoData.holdsNoProgramme(json.readTree("[]"))).isTrue();
        assertThat(DemoData.holdsNoProgramme(json.readTree("""
                {"items":[{"id":"prg-1"}],"page":0,"size":1,"totalItems":1,"totalPages":1}"""))).isFalse();
        assertThat(DemoData.holdsNoProgramme(json.readTree("[{\"id\":\"prg-1\"}]"))).isFalse();
        assertThat(DemoData.holdsNoProgramme(json.readTree("{\"error\":\"?\"}"))).isFalse();
    }

    @Test
    void thePlanIsTheSameEveryTime() {
        assertThat(DemoData.plan()).isEqualTo(DemoData.plan());
    }

    @Test
    void countsCoverEveryQuarterFromTheProgrammesStartWithBreakdownsThatAddUp() {
        for (DemoData.CountryPlan country : DemoData.plan()) {
            for (DemoData.ProgrammePlan programme : country.programmes()) {
                int quarters = (DemoData.LAST_YEAR - programme.programme().startYear() + 1) * 4;
                assertThat(programme.counts()).hasSize(quarters * 2 * programme.programme().groups().size());
                for (Map<String, Object> item : programme.counts()) {
                    long total = (Long) item.get("total");
                    assertThat(total).as("%s", item).isPositive();
                    for (String breakdown : List.of("sex", "ageGroup", "withDisability", "informalEconomy")) {
                        Map<?, ?> parts = (Map<?, ?>) item.get(breakdown);
                        if (parts != null) {
                            assertThat(parts.values().stream().mapToLong(v -> (Long) v).sum()).as("%s of %s", breakdown,
                                    item).isEqualTo(total);
                            assertThat(parts.values()).allSatisfy(v -> assertThat((Long) v).isNotNegative());
                        }
                    }
                }
            }
        }
    }

    @Test
    void countriesSpendDifferentSharesOfGdpAndExecuteDifferentSharesOfTheirBudgets() {
        Set<String> executionRates = new HashSet<>();
        Set<String> spendingShares = new HashSet<>();
        for (DemoData.CountryPlan country : DemoData.plan()) {
            Map<String, Object> report = country.reports().get(2025);
            BigDecimal allocated = sum(report, "allocated");
            executionRates.add(sum(report, "executed").divide(allocated, 3, RoundingMode.HALF_EVEN).toPlainString());
            spendingShares.add(allocated.divide(new BigDecimal((String) report.get("gdp")), 4, RoundingMode.HALF_EVEN)
                    .toPlainString());
        }
        assertThat(executionRates).hasSize(DemoData.COUNTRIES.size());
        assertThat(spendingShares).hasSize(DemoData.COUNTRIES.size());
    }

    @Test
    void twoExchangeRatesAreLeftOutSoThatAMissingUsdFigureShows() {
        assertThat(DemoData.plan()).filteredOn(c -> c.rates().size() < DemoData.LAST_YEAR - DemoData.FIRST_YEAR + 1)
                .extracting(c -> c.country().iso3()).containsExactly("UGA", "MOZ");
    }

    @Test
    void milestonesDueIn2025TakeEveryStatusAndSomeAreOverdueFromEarlierYears() {
        List<Map<String, Object>> milestones = DemoData.plan().stream().flatMap(c -> c.programmes().stream())
                .flatMap(p -> p.milestones().stream()).toList();

        assertThat(milestones).filteredOn(m -> ((String) m.get("dueDate")).startsWith("2025"))
                .extracting(m -> m.get("status")).containsAll(DemoData.MILESTONE_STATUSES);
        assertThat(milestones).anySatisfy(m -> {
            assertThat((String) m.get("dueDate")).startsWith("2023");
            assertThat(m.get("status")).isEqualTo("DELAYED");
        });
    }

    private static BigDecimal sum(Map<String, Object> report, String amount) {
        return ((List<?>) report.get("lines")).stream().map(l -> new BigDecimal((String) ((Map<?, ?>) l).get(amount)))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
