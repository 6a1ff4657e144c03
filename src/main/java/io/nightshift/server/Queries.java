package io.nightshift.server;

import jakarta.ws.rs.BadRequestException;

/** Query parameters parsed with an error that names the parameter ({@code ?offset=abc} is a 400 that says so). */
final class Queries {

    private Queries() {
    }

    /** @throws BadRequestException naming the parameter and the value when it is not a whole number */
    static int wholeNumber(String name, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException("query parameter '" + name + "' must be a whole number, got '"
                    + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
        }
    }
}
