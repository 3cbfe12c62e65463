const MIB = 1024 * 1024;

/**
 * The largest MAX_REQUEST_BYTES the gateway may be configured with. The gateway decides what is
 * too large; a subgraph must never refuse what the gateway let through (the client would see an
 * INTERNAL_SERVER_ERROR "413" instead of a clear BAD_USER_INPUT).
 */
export const GATEWAY_MAX_REQUEST_BYTES_CAP = 8 * MIB;

/**
 * What a subgraph's JSON body parser accepts: twice the most the gateway can be told to accept.
 * The gateway forwards more than it received: the query plan adds key fields and `__typename`,
 * and entity fetches carry representations of a previous fetch's results.
 */
export const SUBGRAPH_MAX_BODY_BYTES = 2 * GATEWAY_MAX_REQUEST_BYTES_CAP;
