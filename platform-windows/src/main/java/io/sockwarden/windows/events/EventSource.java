package io.sockwarden.windows.events;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** Reads events of one source from a Windows event log. */
public interface EventSource {
  /** One event: its id (the low 16 bits of the instance id) and when it was written. */
  record Event(int id, Instant time) {}

  /**
   * The events of {@code source} in the System log logged at or after {@code since}, whose id is in
   * {@code ids}.
   *
   * @throws IOException when the log cannot be read
   */
  List<Event> systemEvents(String source, List<Integer> ids, Instant since) throws IOException;

  /** Where the events are read, for evidence. */
  String describe();
}
