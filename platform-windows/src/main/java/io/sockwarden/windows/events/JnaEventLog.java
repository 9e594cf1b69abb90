package io.sockwarden.windows.events;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinNT;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The classic event log API ({@code OpenEventLog}/{@code ReadEventLog}), newest first, stopping at
 * the first record older than the window.
 */
public final class JnaEventLog implements EventSource {
  @Override
  public List<Event> systemEvents(String source, List<Integer> ids, Instant since)
      throws IOException {
    List<Event> events = new ArrayList<>();
    Advapi32Util.EventLogIterator it;
    try {
      it = new Advapi32Util.EventLogIterator(null, "System", WinNT.EVENTLOG_BACKWARDS_READ);
    } catch (RuntimeException e) {
      throw new IOException("cannot open the System event log: " + e.getMessage(), e);
    }
    try {
      while (it.hasNext()) {
        Advapi32Util.EventLogRecord r = it.next();
        Instant time =
            Instant.ofEpochSecond(Integer.toUnsignedLong(r.getRecord().TimeGenerated.intValue()));
        if (time.isBefore(since)) {
          break;
        }
        // The event id is the low 16 bits of the instance id (the rest: severity, facility).
        int id = r.getInstanceId() & 0xFFFF;
        if (source.equalsIgnoreCase(r.getSource()) && ids.contains(id)) {
          events.add(new Event(id, time));
        }
      }
    } catch (RuntimeException e) {
      throw new IOException("cannot read the System event log: " + e.getMessage(), e);
    } finally {
      it.close();
    }
    return events;
  }

  @Override
  public String describe() {
    return "event log System (ReadEventLog)";
  }
}
