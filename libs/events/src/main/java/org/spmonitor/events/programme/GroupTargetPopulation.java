package org.spmonitor.events.programme;

/**
 * People of one target group eligible in a year: the denominator of that group's coverage rate (the
 * SDG 1.3.1 series of the group).
 */
public record GroupTargetPopulation(TargetGroup targetGroup, long targetPopulation) {
}
