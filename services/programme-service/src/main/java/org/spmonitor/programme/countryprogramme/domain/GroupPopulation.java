package org.spmonitor.programme.countryprogramme.domain;

import java.util.Map;

import org.spmonitor.events.programme.GroupTargetPopulation;
import org.spmonitor.events.programme.TargetGroup;

/**
 * People of one target group eligible in a year: the denominator of the group's coverage rate. Boxed,
 * so that a missing number is reported as missing and never taken for zero.
 */
public record GroupPopulation(TargetGroup targetGroup, Long targetPopulation) implements Describable {

    GroupTargetPopulation toEvent() {
        return new GroupTargetPopulation(targetGroup, targetPopulation);
    }

    @Override
    public Map<String, Object> describe() {
        return Describable.fields("targetGroup", targetGroup, "targetPopulation", targetPopulation);
    }
}
