package org.spmonitor.platform.review;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.spmonitor.platform.validation.Violations;

/**
 * A validator's decision about one version of a submission: VALIDATED or RETURNED (with a comment),
 * naming the version reviewed. Built by {@link #check}, which names every bad field.
 */
public record Review(ReviewState decision, long version, String comment) {

    /** Longest comment kept. */
    public static final int MAX_COMMENT = 2000;
    /** The header that may name the reviewed version instead of {@code version}, as the ETag of GET: "3". */
    public static final String IF_MATCH = "If-Match";

    private static final Pattern ENTITY_TAG = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    /** The body of a review request, as sent. */
    public record Request(String decision, Long version, String comment) {
    }

    /**
     * Checks a request: {@code decision} is VALIDATED or RETURNED, the version is named (body
     * {@code version} or If-Match, equal when both are given), a RETURNED decision has a comment.
     * Violations are added under {@code violations} (nest it for bulk items).
     *
     * @return the review, or null when a violation was added
     */
    public static Review check(Request request, String ifMatch, Violations violations) {
        if (!violations.required(request, "")) {
            return null;
        }
        ReviewState decision = null;
        if (violations.required(request.decision(), "decision")) {
            String name = request.decision().strip().toUpperCase(Locale.ROOT);
            if (violations.check(name.equals("VALIDATED") || name.equals("RETURNED"), "decision",
                    () -> "must be VALIDATED or RETURNED, was '" + request.decision() + "'")) {
                decision = ReviewState.valueOf(name);
            }
        }
        Long headerVersion = ifMatchVersion(ifMatch, violations);
        Long version = request.version() != null ? request.version() : headerVersion;
        if (request.version() != null && headerVersion != null && !headerVersion.equals(request.version())) {
            violations.add("version", "differs from the If-Match header (" + headerVersion + "), was "
                    + request.version());
        }
        else if (violations.check(version != null, "version",
                () -> "is required: the version you reviewed (or an If-Match header with it)")) {
            violations.check(version >= 1, "version", () -> "must be 1 or more");
        }
        String comment = request.comment() == null || request.comment().isBlank() ? null : request.comment().strip();
        violations.check(decision != ReviewState.RETURNED || comment != null, "comment",
                () -> "is required when returning: say what the reporter should correct");
        violations.check(comment == null || comment.length() <= MAX_COMMENT, "comment",
                () -> "must be at most " + MAX_COMMENT + " characters");
        if (!violations.isEmpty()) {
            return null;
        }
        return new Review(decision, version, comment);
    }

    private static Long ifMatchVersion(String ifMatch, Violations violations) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher matcher = ENTITY_TAG.matcher(ifMatch.strip());
        if (!violations.check(matcher.matches(), IF_MATCH,
                () -> "must name one version as its ETag, e.g. \"3\", was '" + ifMatch + "'")) {
            return null;
        }
        return Long.parseLong(matcher.group(1));
    }
}
