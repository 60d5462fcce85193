package org.spmonitor.programme.countryprogramme.domain;

import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.TargetGroup;

/** Which programmes a list shows; a null criterion matches every programme. {@code partner} ignores case. */
public record ProgrammeFilter(String country, ProgrammeStatus status, String partner, TargetGroup targetGroup) {
}
