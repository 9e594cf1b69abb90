/**
 * Renders scans and facts for people (text) and programs (JSON, schema in {@code
 * docs/json-schema.md}).
 */
package io.sockwarden.agent.report;
