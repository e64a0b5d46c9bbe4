/**
 * Documentation records: the request bodies of the ingest API as OpenAPI schemas (required fields, enums, formats
 * and limits as the readers in {@code io.waspada.ingest.domain} enforce them). Never instantiated: the resources read
 * raw bytes with their own strict parsing; {@code OpenApiDocumentTest} keeps these in step with the readers.
 */
package io.waspada.ingest.api.doc;
