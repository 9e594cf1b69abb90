package io.sockwarden.engine;

import java.util.List;
import java.util.stream.Collectors;

/** Administrator rules could not be loaded: they do not compile or are unsafe to load. */
public final class RuleLoadException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<RuleFileError> errors;

  public RuleLoadException(List<RuleFileError> errors) {
    super(
        errors.stream().map(RuleFileError::toString).collect(Collectors.joining("\n")),
        null,
        false,
        false);
    this.errors = List.copyOf(errors);
  }

  public List<RuleFileError> errors() {
    return errors;
  }
}
