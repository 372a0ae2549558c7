package org.skillbroker.web;

import org.skillbroker.problem.ApiException;

import java.util.regex.Pattern;

/** The query parameters of the API's paged, searchable lists (skill profiles, agents), checked the same way. */
public final class ListQuery {

    private static final Pattern PAGE = Pattern.compile("\\d{1,4}");
    private static final int MAX_SEARCH = 80;

    private ListQuery() {
    }

    /** {@code page}: absent means 0; else a number from 0 to 9999, or 400. */
    public static int page(String page) {
        if (page == null || page.isEmpty()) {
            return 0;
        }
        if (!PAGE.matcher(page).matches()) {
            throw ApiException.of("invalid-query", "Invalid query", 400, "page must be a number from 0 to 9999.")
                    .with("field", "page");
        }
        return Integer.parseInt(page);
    }

    /** {@code search}: absent means ""; else at most 80 printable characters, trimmed, or 400. */
    public static String search(String search) {
        if (search == null) {
            return "";
        }
        if (search.length() > MAX_SEARCH || search.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.of("invalid-query", "Invalid query", 400,
                    "search must be at most " + MAX_SEARCH + " printable characters.").with("field", "search");
        }
        return search.trim();
    }
}
