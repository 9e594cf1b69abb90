package io.sockwarden.model;

import java.util.List;

/**
 * The change side of a {@link Platform}: turns proposed {@link Change}s into resource writes,
 * validates them, and checks the result. Journalling, locking, rollback and crash recovery are the
 * agent's and the same for every platform; a platform only says what to write and how to verify.
 */
public interface Remediation {
  /**
   * Validates {@code changes} and works out the writes. Changes nothing.
   *
   * @param facts the host's facts (for example, listeners whose ports a wider range must avoid)
   * @throws ChangeRejectedException listing every problem, when any change must not be applied
   */
  PreparedChanges prepare(List<Change> changes, HostFacts facts, ApplyMode mode)
      throws ChangeRejectedException;

  /**
   * Checks, after the writes, that the host now behaves as planned beyond the bytes written (for
   * example, that the value a key gets at boot is the new one).
   *
   * @return problems, empty when verified
   */
  List<String> verify(PreparedChanges prepared);

  /**
   * The resource a journal entry names, to restore it after a failure, a crash or on rollback.
   *
   * @throws IllegalArgumentException when the id is not one this platform makes
   */
  Resource resource(String id);

  /**
   * Where live values are written now: the network namespace on Linux ({@code net:[4026531840]}),
   * the host on Windows. A transaction records it; a {@link Resource#scoped() scoped} value is
   * never restored from another scope, where it would change a different namespace's setting.
   */
  String scope();

  /**
   * The label of the network namespace it writes in ({@code docker:web}, {@code k8s:shop/cart-1}),
   * when that is not the agent's own; empty for the agent's own namespace and on platforms without
   * namespaces. The journal records it for people; {@link #scope()} stays the identity.
   */
  default java.util.Optional<String> namespaceLabel() {
    return java.util.Optional.empty();
  }
}
