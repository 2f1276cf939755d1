// Reads .ics files with Mozilla's ical.js (pinned in package.json), as Thunderbird's calendar
// does: each file parsed on its own, with only the time zones it defines itself.
// Usage: node icaljs_read.mjs FILE...   Prints one JSON line per file: {file, events, again}
// (`again`: the calendar as ical.js writes back what it read); exits non-zero, with the reason
// on stderr, on the first file ical.js cannot read.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function when(time) {
  return {
    text: time.toString(),
    unix: time.isDate ? null : time.toUnixTime(),
    tzid: time.isDate ? null : time.zone.tzid,
  };
}

for (const file of process.argv.slice(2)) {
  try {
    const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
    if (calendar.name !== "vcalendar") throw new Error(`not a VCALENDAR but ${calendar.name}`);
    ICAL.TimezoneService.reset();
    for (const zone of calendar.getAllSubcomponents("vtimezone")) {
      ICAL.TimezoneService.register(zone);
    }
    const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        url: vevent.getFirstPropertyValue("url"),
        summary: event.summary,
        status: vevent.getFirstPropertyValue("status"),
        start: when(event.startDate),
        end: when(event.endDate),
      };
    });
    console.log(JSON.stringify({ file, events, again: calendar.toString() }));
  } catch (error) {
    console.error(`${file}: ${error.stack || error}`);
    process.exit(1);
  }
}
