package org.skillbroker.simulator;

/** CC paging parameters: {@code page} is 0-based, {@code pageSize} defaults to 100 (webex-api.md §3.1). */
final class Paging {

    private Paging() {
    }

    static int page(SimExchange ex) {
        int page = ex.queryInt("page", 0);
        if (page < 0) {
            throw new SimExchange.BadRequest("page must not be negative");
        }
        return page;
    }

    static int pageSize(SimExchange ex) {
        int size = ex.queryInt("pageSize", 100);
        if (size < 1 || size > 1000) {
            throw new SimExchange.BadRequest("pageSize must be between 1 and 1000");
        }
        return size;
    }
}
