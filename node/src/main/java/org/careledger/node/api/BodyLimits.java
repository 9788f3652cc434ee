package org.careledger.node.api;

import java.util.Map;
import java.util.OptionalLong;
import org.careledger.node.TxService;

/**
 * The largest request body each submission endpoint reads, derived from the node's {@code maxTxBytes} (M).
 * Admission still checks M itself; these limits only stop a body from being buffered before that check can run.
 * <ul>
 *   <li>{@code POST /v1/txs}: the JSON form base64-encodes payload and signature, so 4/3 M plus 16 KiB;</li>
 *   <li>{@code POST /v1/drugs/epcis} and {@code POST /epcis/capture}: one protobuf TxEnvelope, admitted against M:
 *       M plus 16 KiB;</li>
 *   <li>{@code POST /v1/access}: one signed access.read: 64 KiB;</li>
 *   <li>{@code POST /v1/access/set}: one signed access.readSet of at most 1,000 record ids: 512 KiB;</li>
 *   <li>{@code POST /v1/txs/with-blobs}: one tx plus at most {@link TxService#MAX_BLOBS_TOTAL_BYTES} of blobs:
 *       M + 16 MiB + 64 KiB of protobuf framing;</li>
 *   <li>{@code POST /v1/txs/batch}: 8 M, at least 32 MiB (a batch of a few thousand ordinary txs).</li>
 * </ul>
 * Other requests (GETs, unknown paths) are never read, so they need no limit.
 */
public record BodyLimits(Map<String, Long> byPath) {
    public static final long ENVELOPE_OVERHEAD = 16 * 1024;
    public static final long ACCESS_LIMIT = 64 * 1024;
    public static final long ACCESS_SET_LIMIT = 512 * 1024;
    public static final long BLOB_FRAMING = 64 * 1024;
    public static final long BATCH_FLOOR = 32L * 1024 * 1024;

    public BodyLimits {
        byPath = Map.copyOf(byPath);
    }

    public static BodyLimits of(int maxTxBytes) {
        long m = maxTxBytes;
        return new BodyLimits(Map.of(
                "/v1/txs", (m + 2) / 3 * 4 + ENVELOPE_OVERHEAD,
                "/v1/drugs/epcis", m + ENVELOPE_OVERHEAD,
                "/epcis/capture", m + ENVELOPE_OVERHEAD,
                "/v1/access", ACCESS_LIMIT,
                "/v1/access/set", ACCESS_SET_LIMIT,
                "/v1/txs/with-blobs", m + TxService.MAX_BLOBS_TOTAL_BYTES + BLOB_FRAMING,
                "/v1/txs/batch", Math.max(BATCH_FLOOR, 8 * m)));
    }

    /** The limit of {@code method path}, or empty when that request's body is never read. */
    public OptionalLong limit(String method, String path) {
        Long l = "POST".equalsIgnoreCase(method) ? byPath.get(path) : null;
        return l == null ? OptionalLong.empty() : OptionalLong.of(l);
    }

    public long largest() {
        return byPath.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
