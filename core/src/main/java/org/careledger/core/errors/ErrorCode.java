package org.careledger.core.errors;

import java.util.OptionalInt;

/**
 * One entry of the {@link ErrorCatalogue}: a stable code, the HTTP status a node answers it with (empty for a code
 * raised only on the caller's side: CLI, SDK, local files), the area that raises it and what it means.
 */
public record ErrorCode(String code, OptionalInt httpStatus, String area, String meaning) {}
