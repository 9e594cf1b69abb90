/**
 * The safety contract: every change is a transaction whose originals are journalled (and fsynced)
 * before the first write, verified after, restored on failure, after a crash, or on rollback.
 * Platform-neutral: a platform supplies {@link io.sockwarden.model.Resource}s to read and write.
 */
package io.sockwarden.agent.journal;
