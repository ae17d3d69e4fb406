/*
 * The calendar file (RFC 5545) of the monthly sessions, made in the browser for the month the
 * reader's collaborative starts. All-day entries, CRLF line ends, lines folded at 75 octets.
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

  function ymd(year, monthIndex) {
    const d = new Date(Date.UTC(year, monthIndex, 1));
    return d.getUTCFullYear() + pad(d.getUTCMonth() + 1) + "01";
  }

  function monthName(year, monthIndex) {
    return new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" })
      .format(new Date(Date.UTC(year, monthIndex, 1)));
  }

  function event(form, session, count, year, monthIndex, stamp) {
    const name = form.getAttribute("data-imh-name");
    const offset = session.month - 1;
    const url = new URL(session.path, siteRoot()).href;
    const host = window.location.hostname || "imh-pathways";
    return [
      "BEGIN:VEVENT",
      // The same start month gives the same UIDs, so importing again updates, not duplicates.
      "UID:" + year + pad(monthIndex + 1) + "-month-" + session.month + "@" + host,
      "DTSTAMP:" + stamp,
      "DTSTART;VALUE=DATE:" + ymd(year, monthIndex + offset),
      "DTEND;VALUE=DATE:" + ymd(year, monthIndex + offset + 1),
      "SUMMARY:" + icsText(name + ", month " + session.month + ": " + session.title),
      "DESCRIPTION:" + icsText(
        "Month " + session.month + " of " + count + ": " + form.getAttribute("data-imh-training-hours") +
        " hours of infant mental health training on this topic and " + form.getAttribute("data-imh-supervision-hours") +
        " hours of group reflective supervision. The collaborative sets the exact dates and times: add them to " +
        "this entry when you know them.\n" + url),
      "URL:" + url,
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
    ];
  }

  function buildCalendar(form, year, monthIndex) {
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
    sessions.forEach((session) => {
      lines = lines.concat(event(form, session, sessions.length, year, monthIndex, stamp));
    });
    lines.push("END:VCALENDAR");
    return { text: lines.map(fold).join("\r\n") + "\r\n", count: sessions.length };
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

  function mountCalendar(form) {
    const select = form.querySelector("[data-imh-start]");
    const message = form.querySelector(".imh-tool__message");
    fillStartMonths(select);
    form.addEventListener("submit", (submitted) => {
      submitted.preventDefault();
      const [year, month] = select.value.split("-").map(Number);
      const calendar = buildCalendar(form, year, month - 1);
      const slug = form.getAttribute("data-imh-name").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
      const filename = slug + "-" + select.value + ".ics";
      window.imhSaveFile(calendar.text, filename, "text/calendar;charset=utf-8");
      message.textContent = "";
      window.setTimeout(() => {
        message.textContent = "Saved " + filename + ": " + calendar.count + " monthly entries, " +
          monthName(year, month - 1) + " to " + monthName(year, month - 1 + calendar.count - 1) +
          ". Open it with your calendar app.";
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
