"""Rules of law and time: calendars, interest, reference rates, the escalation timeline."""
