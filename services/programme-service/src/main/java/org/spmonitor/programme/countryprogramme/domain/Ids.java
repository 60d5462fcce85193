package org.spmonitor.programme.countryprogramme.domain;

import java.security.SecureRandom;

/** Server-assigned ids: a prefix and random characters; stable, URL-safe, unguessable. */
final class Ids {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code prg-7k2m9q4x3t1a} */
    static String programme() {
        return random("prg-", 12);
    }

    /** {@code mst-4d7h1p9z} */
    static String milestone() {
        return random("mst-", 8);
    }

    private static String random(String prefix, int length) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    private Ids() {
    }
}
