package org.spmonitor.financing.common.web;

import java.security.Principal;

/** Who made a request, as recorded in version histories ("by whom"). */
public final class Callers {

    public static final String ANONYMOUS = "anonymous";

    public static String of(Principal principal) {
        return principal == null || principal.getName() == null ? ANONYMOUS : principal.getName();
    }

    private Callers() {
    }
}
