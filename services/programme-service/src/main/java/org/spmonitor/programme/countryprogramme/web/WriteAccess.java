package org.spmonitor.programme.countryprogramme.web;

import org.spmonitor.platform.security.Caller;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeService;

/** Who may change a programme: the reporter role for the programme's country, or admin. */
final class WriteAccess {

    /** 403 unless the caller may write for programme {@code id}'s country; 404 when there is no such programme. */
    static void requireWriteFor(ProgrammeService programmes, String id) {
        Caller.current().requireWriteFor(programmes.get(id).details().country());
    }

    private WriteAccess() {
    }
}
