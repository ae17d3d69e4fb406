/*
 * The calendar file (RFC 5545) of the monthly sessions, made in the browser for the month the
 * reader's collaborative starts. The certificate's page gives hours a month but no meeting days
 * or times, so no day is invented: each entry is one all-day date, on the weekday of the month
 * the reader chooses (the group's own, "the third Thursday"), or, with none chosen, on the first
 * of the month, titled and described as a reminder to move. CRLF line ends, lines folded at 75 octets.
 */
(function () {
  "use strict";

  /* The site's root URL, from the theme's configuration on the page this script loaded with:
     its `base` is relative to that page's address, which instant navigation changes. */
  const LOADED_AT = window.location.href;
  let siteRootFound = null;

  function siteRoot() {
    if (!siteRootFound) {
      try {
        const config = JSON.parse(document.getElementById("__config").textContent);
        siteRootFound = new URL(config.base.replace(/\/?$/, "/"), LOADED_AT);
      } catch (error) {
        siteRootFound = new URL("/", LOADED_AT);
      }
    }
    return siteRootFound;
  }

  const pad = (n) => (n < 10 ? "0" : "") + n;

  function icsText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  /* Lines longer than 75 octets are folded: CRLF and a space, never inside a character. */
  function fold(line) {
    const encoder = new TextEncoder();
    const out = [];
    let current = "";
    let size = 0;
    Array.from(line).forEach((ch) => {
      const bytes = encoder.encode(ch).length;
      if (size + bytes > 75) {
        out.push(current);
        current = " ";
        size = 1;
      }
      current += ch;
      size += bytes;
    });
    out.push(current);
    return out.join("\r\n");
  }

  const ORDINALS = { 1: "first", 2: "second", 3: "third", 4: "fourth", "-1": "last" };
  const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

  const ymd = (d) => d.getUTCFullYear() + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate());

  /* The session's day in a month: the chosen weekday of the month ("the third Thursday",
     week -1 = the last), or the first of the month when the reader has chosen none. */
  function sessionDay(year, monthIndex, day) {
    if (!day) return new Date(Date.UTC(year, monthIndex, 1));
    if (day.week > 0) {
      const first = new Date(Date.UTC(year, monthIndex, 1));
      return new Date(Date.UTC(year, monthIndex, 1 + ((day.weekday - first.getUTCDay() + 7) % 7) + 7 * (day.week - 1)));
    }
    const last = new Date(Date.UTC(year, monthIndex + 1, 0));
    return new Date(Date.UTC(year, monthIndex, last.getUTCDate() - ((last.getUTCDay() - day.weekday + 7) % 7)));
  }

  const nextDay = (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
  const dayName = (day) => "the " + ORDINALS[day.week] + " " + WEEKDAYS[day.weekday] + " of each month";
  const longDate = (d) => new Intl.DateTimeFormat("en", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(d);

  function monthName(year, monthIndex) {
    return new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" })
      .format(new Date(Date.UTC(year, monthIndex, 1)));
  }

  function event(form, session, count, start, day, stamp) {
    const name = form.getAttribute("data-imh-name");
    const date = sessionDay(start.year, start.monthIndex + session.month - 1, day);
    const url = new URL(session.path, siteRoot()).href;
    const host = window.location.hostname || "imh-pathways";
    const when = day
      ? "This entry is on the day you chose, " + dayName(day) + ". The certificate's page gives no meeting " +
        "times: add yours when you know it."
      : "The certificate's page gives no meeting days or times, so this entry is a reminder on the first of " +
        "the month: move it to your group's date and time when you know them.";
    return [
      "BEGIN:VEVENT",
      // The same start month gives the same UIDs, so importing again updates, not duplicates.
      "UID:" + start.year + pad(start.monthIndex + 1) + "-month-" + session.month + "@" + host,
      "DTSTAMP:" + stamp,
      "DTSTART;VALUE=DATE:" + ymd(date),
      "DTEND;VALUE=DATE:" + ymd(nextDay(date)),
      "SUMMARY:" + icsText(name + ", month " + session.month + ": " + session.title + (day ? "" : " (date to be set)")),
      "DESCRIPTION:" + icsText(
        "Month " + session.month + " of " + count + ": " + form.getAttribute("data-imh-training-hours") +
        " hours of infant mental health training on this topic and " + form.getAttribute("data-imh-supervision-hours") +
        " hours of group reflective supervision. " + when + "\n" + url),
      "URL:" + url,
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
    ];
  }

  function buildCalendar(form, year, monthIndex, day) {
    const sessions = JSON.parse(form.getAttribute("data-imh-sessions"));
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    let lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//IMH Pathways//Planning tools//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + icsText(form.getAttribute("data-imh-name")),
    ];
    const start = { year: year, monthIndex: monthIndex };
    sessions.forEach((session) => {
      lines = lines.concat(event(form, session, sessions.length, start, day, stamp));
    });
    lines.push("END:VCALENDAR");
    const last = sessions.length ? sessions[sessions.length - 1].month : 1;
    return {
      text: lines.map(fold).join("\r\n") + "\r\n",
      count: sessions.length,
      first: sessionDay(year, monthIndex, day),
      last: sessionDay(year, monthIndex + last - 1, day),
    };
  }

  function fillStartMonths(select) {
    const now = new Date();
    for (let i = -12; i <= 24; i++) {
      const d = new Date(now.getFullYear(), now.getMonth() + i, 1);
      const option = document.createElement("option");
      option.value = d.getFullYear() + "-" + pad(d.getMonth() + 1);
      option.textContent = monthName(d.getFullYear(), d.getMonth());
      option.selected = i === 1;
      select.appendChild(option);
    }
  }

  /* The weekday of the month the reader chose, or null ("not known yet"). */
  function chosenDay(form) {
    const week = form.querySelector("[data-imh-week]");
    const weekday = form.querySelector("[data-imh-weekday]");
    if (!week || !weekday || !week.value) return null;
    return { week: Number(week.value), weekday: Number(weekday.value) };
  }

  function mountCalendar(form) {
    const select = form.querySelector("[data-imh-start]");
    const message = form.querySelector(".imh-tool__message");
    const week = form.querySelector("[data-imh-week]");
    const weekday = form.querySelector("[data-imh-weekday]");
    fillStartMonths(select);
    // The weekday means nothing until a week is chosen.
    const sync = () => { if (weekday && week) weekday.disabled = !week.value; };
    if (week) week.addEventListener("change", sync);
    sync();
    form.addEventListener("submit", (submitted) => {
      submitted.preventDefault();
      const [year, month] = select.value.split("-").map(Number);
      const day = chosenDay(form);
      const calendar = buildCalendar(form, year, month - 1, day);
      const slug = form.getAttribute("data-imh-name").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
      const filename = slug + "-" + select.value + ".ics";
      window.imhSaveFile(calendar.text, filename, "text/calendar;charset=utf-8");
      message.textContent = "";
      window.setTimeout(() => {
        message.textContent = "Saved " + filename + ": " + calendar.count + " one-day entries, " +
          (day ? dayName(day) + ", from " + longDate(calendar.first) + " to " + longDate(calendar.last) + "."
               : "one on the first of each month from " + monthName(year, month - 1) + " to " +
                 monthName(year, month - 1 + calendar.count - 1) + ", to move to your group's dates.") +
          " Open it with your calendar app.";
      }, 50);
    });
    form.hidden = false;
    form.setAttribute("data-imh-ready", "");
  }

  window.imhOnPage(() => {
    document.querySelectorAll(".imh-tool__nojs").forEach((note) => { note.hidden = true; }); // for readers without JavaScript
    document.querySelectorAll("[data-imh-tool='calendar']:not([data-imh-ready])").forEach((form) => {
      try {
        mountCalendar(form);
      } catch (error) {
        if (window.console) window.console.error("calendar tool", error); // the plain list stays readable
      }
    });
  });
})();
