/**
 * How deep a request's JSON body or query may nest, counted in containers (the root object is the
 * first level). No payload of ours nests deeper than a few levels; deeper input is an attack on
 * recursive code (class-transformer and the ValidationPipe overflow their stack on thousands of
 * levels). Two checks enforce this one rule: the body parser scans the raw bytes before JSON.parse
 * ever sees them, and the input-safety middleware walks the parsed body and query (which the byte
 * scan cannot see). Both read this constant, so there is one limit and one message.
 */
export const MAX_INPUT_DEPTH = 10;
