package org.careledger.api;

/** The careledger-specific HTTP headers of the API (docs/API.md, "Read your writes"). */
public final class ApiHeaders {
    /** Request header: answer this read only once the node has applied this height. */
    public static final String MIN_HEIGHT = "X-Careledger-Min-Height";
    /** Response header: the node's height when it answered. */
    public static final String HEIGHT = "X-Careledger-Height";

    private ApiHeaders() {}
}
