//! Office hours as focal points write them ("Monday to Friday, 09:00–17:00", "Mon-Fri 08:30-12:30, 14:00-17:00",
//! "24/7"), read well enough to say whether an office is open at a given local time. Text this reading does not
//! fully understand gives no answer rather than a guess.

use chrono::{Datelike, NaiveDateTime, NaiveTime, Weekday};

/// The weekly opening an `office_hours` text describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weekly {
    /// Open days, Monday first.
    days: [bool; 7],
    /// Opening spans within an open day; empty means all day.
    spans: Vec<(NaiveTime, NaiveTime)>,
}

const DAYS: [(&str, &str); 7] = [
    ("monday", "mon"),
    ("tuesday", "tue"),
    ("wednesday", "wed"),
    ("thursday", "thu"),
    ("friday", "fri"),
    ("saturday", "sat"),
    ("sunday", "sun"),
];

fn day(word: &str) -> Option<usize> {
    let w = word.trim_end_matches('.');
    DAYS.iter().position(|(long, short)| w == *long || w == *short || (w.len() >= 3 && long.starts_with(w)))
}

fn time(word: &str) -> Option<NaiveTime> {
    let (h, m) = word.split_once([':', '.', 'h']).unwrap_or((word, "0"));
    let (h, m): (u32, u32) = (h.parse().ok()?, if m.is_empty() { 0 } else { m.parse().ok()? });
    if h == 24 && m == 0 {
        return NaiveTime::from_hms_opt(23, 59, 59);
    }
    NaiveTime::from_hms_opt(h, m, 0)
}

impl Weekly {
    /// The opening `text` describes, if every word of it is understood.
    pub fn parse(text: &str) -> Option<Weekly> {
        let lower = text.to_lowercase();
        let compact: String = lower.split_whitespace().collect::<Vec<_>>().join(" ");
        if ["24/7", "24 hours", "24h", "always"].iter().any(|w| compact == *w || compact == format!("{w}.")) {
            return Some(Weekly { days: [true; 7], spans: Vec::new() });
        }
        // Dashes of every kind and "to"/"through"/"until" join the two ends of a range.
        let normal: String =
            lower.chars().map(|c| if matches!(c, '–' | '—' | '‐' | '‑' | '−') { '-' } else { c }).collect();
        let mut tokens: Vec<String> = Vec::new();
        for raw in normal.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
            for (i, part) in raw.split('-').enumerate() {
                if i > 0 {
                    tokens.push("-".into());
                }
                if !part.is_empty() {
                    tokens.push(part.trim_end_matches(['.', ':']).to_owned());
                }
            }
        }
        let mut days = [false; 7];
        let mut spans = Vec::new();
        let mut i = 0;
        let is_range = |t: &str| matches!(t, "-" | "to" | "through" | "until" | "till");
        while i < tokens.len() {
            let token = tokens[i].as_str();
            if matches!(token, "and" | "&" | "from" | "") {
                i += 1;
                continue;
            }
            if token == "weekdays" {
                days[..5].iter_mut().for_each(|d| *d = true);
                i += 1;
                continue;
            }
            if let Some(first) = day(token) {
                if tokens.get(i + 1).is_some_and(|t| is_range(t))
                    && let Some(last) = tokens.get(i + 2).and_then(|t| day(t))
                {
                    let mut d = first;
                    loop {
                        days[d] = true;
                        if d == last {
                            break;
                        }
                        d = (d + 1) % 7;
                    }
                    i += 3;
                } else {
                    days[first] = true;
                    i += 1;
                }
                continue;
            }
            let start = time(token)?;
            if !tokens.get(i + 1).is_some_and(|t| is_range(t)) {
                return None;
            }
            let end = time(tokens.get(i + 2)?)?;
            if end <= start {
                return None;
            }
            spans.push((start, end));
            i += 3;
        }
        if spans.is_empty() {
            return None;
        }
        if !days.contains(&true) {
            // Hours without days: every day is not what "09:00-17:00" usually means; no answer.
            return None;
        }
        Some(Weekly { days, spans })
    }

    /// Whether the office is open at `local`, a time in its own time zone.
    pub fn open_at(&self, local: NaiveDateTime) -> bool {
        let weekday: Weekday = local.weekday();
        if !self.days[weekday.num_days_from_monday() as usize] {
            return false;
        }
        let t = local.time();
        self.spans.is_empty() || self.spans.iter().any(|(s, e)| t >= *s && t < *e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
        // 2026-12-07 is a Monday.
        chrono::NaiveDate::from_ymd_opt(2026, 12, day).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn common_forms_are_read() {
        let week = Weekly::parse("Monday to Friday, 09:00–17:00").unwrap();
        assert!(week.open_at(at(7, 9, 0)) && week.open_at(at(11, 16, 59)));
        assert!(!week.open_at(at(7, 17, 0)) && !week.open_at(at(12, 10, 0)), "closed at five and on Saturday");
        let split = Weekly::parse("Mon-Fri 08:30-12:30, 14:00-17:00").unwrap();
        assert!(split.open_at(at(8, 8, 30)) && !split.open_at(at(8, 13, 0)) && split.open_at(at(8, 14, 0)));
        let sunday_to_thursday = Weekly::parse("Sunday through Thursday 8.00 - 15.00").unwrap();
        assert!(sunday_to_thursday.open_at(at(6, 9, 0)) && !sunday_to_thursday.open_at(at(11, 9, 0)));
        assert!(Weekly::parse("24/7").unwrap().open_at(at(13, 3, 0)));
        assert!(Weekly::parse("Weekdays 9h-17h").unwrap().open_at(at(9, 12, 0)));
    }

    #[test]
    fn text_not_understood_gives_no_answer() {
        for text in [
            "By appointment",
            "09:00-17:00",
            "Monday to Friday",
            "Mon-Fri 17:00-09:00",
            "Mon-Fri 9-5 except holidays",
            "",
        ] {
            assert_eq!(Weekly::parse(text), None, "{text}");
        }
    }
}
