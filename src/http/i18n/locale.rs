//! A language's CLDR data through ICU4X: the order of names (collation), dates and times as the reader writes
//! them, and language names in the reader's language. Built once per language on first use; compiled data, so no
//! file is read at run time.

use std::cmp::Ordering;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use icu_calendar::Gregorian;
use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{self, YMD};
use icu_datetime::input::{Date, DateTime, Time};
use icu_datetime::options::TimePrecision;
use icu_experimental::displaynames::{DisplayNamesOptions, LanguageDisplayNames};
use icu_list::ListFormatter;
use icu_list::options::ListFormatterOptions;
use icu_locale_core::subtags::Language as Subtag;

use super::Language;

/// Weekday and time of day, e.g. "Monday 14:05" / "lundi 14:05".
type Clock = FixedCalendarDateTimeFormatter<Gregorian, fieldsets::ET>;

pub(crate) struct Locale {
    collator: CollatorBorrowed<'static>,
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    clock: Clock,
    languages: LanguageDisplayNames,
    and: ListFormatter,
}

static LOCALES: LazyLock<Vec<(Language, Locale)>> =
    LazyLock::new(|| Language::ALL.into_iter().map(|l| (l, Locale::new(l))).collect());

impl Locale {
    fn new(language: Language) -> Self {
        // The six languages are in ICU4X's compiled data; a unit test loads each, so a failure is a packaging bug.
        let locale: icu_locale_core::Locale = language.key().parse().expect("a language tag");
        let mut options = CollatorOptions::default();
        // Letters first, accents second: "Égypte" sorts with "Egypte" under E, before "Espagne".
        options.strength = Some(Strength::Secondary);
        let collator = CollatorBorrowed::try_new(CollatorPreferences::from(&locale), options).expect("collation data");
        let date = FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::long()).expect("date data");
        let clock = FixedCalendarDateTimeFormatter::try_new(
            (&locale).into(),
            fieldsets::E::long().with_time(TimePrecision::Minute),
        )
        .expect("time data");
        let languages =
            LanguageDisplayNames::try_new((&locale).into(), DisplayNamesOptions::default()).expect("language names");
        let and = ListFormatter::try_new_and((&locale).into(), ListFormatterOptions::default()).expect("list data");
        Self { collator, date, clock, languages, and }
    }

    pub(crate) fn of(language: Language) -> &'static Locale {
        let found = LOCALES.iter().find(|(l, _)| *l == language).or_else(|| LOCALES.first());
        // LOCALES holds every language of Language::ALL.
        &found.expect("six locales").1
    }

    /// The reader's order of two names.
    pub(crate) fn compare(&self, a: &str, b: &str) -> Ordering {
        self.collator.compare(a, b)
    }

    /// A calendar date as the reader writes it: "6 December 2026", "6 décembre 2026", "2026年12月6日".
    pub(crate) fn date(&self, day: NaiveDate) -> String {
        match gregorian(day) {
            Some(d) => self.date.format(&d).to_string(),
            None => day.to_string(),
        }
    }

    /// A weekday and time of day as the reader writes them.
    pub(crate) fn clock(&self, at: NaiveDateTime) -> String {
        let time = Time::try_new(at.hour() as u8, at.minute() as u8, 0, 0);
        match (gregorian(at.date()), time) {
            (Some(date), Ok(time)) => self.clock.format(&DateTime { date, time }).to_string(),
            _ => at.format("%Y-%m-%d %H:%M").to_string(),
        }
    }

    /// Items as the reader lists them: "French and English", "français et anglais", "法语和英语". On a right-to-left
    /// page each item is isolated (FSI … PDI) so that a Latin item keeps its order among Arabic ones.
    pub(crate) fn list(&self, items: &[String], isolate: bool) -> String {
        if isolate {
            let isolated: Vec<String> = items.iter().map(|i| format!("\u{2068}{i}\u{2069}")).collect();
            self.and.format(isolated.iter().map(String::as_str)).to_string()
        } else {
            self.and.format(items.iter().map(String::as_str)).to_string()
        }
    }

    /// A language's name in the reader's language ("français", "French", "الفرنسية"), from its ISO 639 code; the
    /// code itself when CLDR has no name for it.
    pub(crate) fn language_name(&self, code: &str) -> Option<&str> {
        let subtag: Subtag = code.parse().ok()?;
        self.languages.of(subtag)
    }
}

fn gregorian(day: NaiveDate) -> Option<Date<Gregorian>> {
    Date::try_new_gregorian(day.year(), day.month() as u8, day.day() as u8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_cldr_data() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert_eq!(Locale::of(Language::EN).date(day), "December 6, 2026");
        assert_eq!(Locale::of(Language::FR).date(day), "6 décembre 2026");
        assert_eq!(Locale::of(Language::ZH).date(day), "2026年12月6日");
        assert_eq!(Locale::of(Language::FR).language_name("fr"), Some("français"));
        assert_eq!(Locale::of(Language::EN).language_name("ar"), Some("Arabic"));
        assert_eq!(Locale::of(Language::ES).language_name("en"), Some("inglés"));
        let two = ["French".to_owned(), "English".to_owned()];
        assert_eq!(Locale::of(Language::EN).list(&two, false), "French and English");
        assert_eq!(Locale::of(Language::FR).list(&two, false), "French et English");
        for l in Language::ALL {
            assert!(Locale::of(l).language_name("ru").is_some(), "{l:?}");
            assert!(!Locale::of(l).clock(day.and_hms_opt(14, 5, 0).unwrap()).is_empty());
        }
    }

    #[test]
    fn names_sort_by_the_readers_collation() {
        let fr = Locale::of(Language::FR);
        let mut states = vec!["Espagne", "Égypte", "Allemagne", "Zambie", "Estonie"];
        states.sort_by(|a, b| fr.compare(a, b));
        assert_eq!(states, ["Allemagne", "Égypte", "Espagne", "Estonie", "Zambie"]);
        let es = Locale::of(Language::ES);
        let mut words = vec!["Ñandú", "Nigeria", "Oman"];
        words.sort_by(|a, b| es.compare(a, b));
        assert_eq!(words, ["Nigeria", "Ñandú", "Oman"], "ñ after n in Spanish");
    }
}
