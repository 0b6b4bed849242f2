//! ИИН / БИН check digit (12 digits; weights 1..11, then 3..11,1,2 when the first sum gives 10).

use crate::i18n::Text;
use chrono::NaiveDate;

/// Why a 12-digit identification number is not valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdError {
    Length(usize),
    NotDigits,
    /// Digits 1–6 of an ИИН are not a birth date.
    BirthDate,
    /// Digit 7 of an ИИН is not 1..6.
    Century,
    CheckDigit,
    /// The first sums both give 10: such a number is never issued.
    NeverIssued,
}

impl IdError {
    pub fn text(self, value: &str) -> Text {
        let key = match self {
            IdError::Length(_) => "err.iin.length",
            IdError::NotDigits => "err.iin.digits",
            IdError::BirthDate => "err.iin.birth_date",
            IdError::Century => "err.iin.century",
            IdError::CheckDigit => "err.iin.check_digit",
            IdError::NeverIssued => "err.iin.never_issued",
        };
        let len = match self {
            IdError::Length(n) => n,
            _ => value.chars().count(),
        };
        Text::new(key).arg("value", value).arg("len", len)
    }
}

fn digits(s: &str) -> Result<[u8; 12], IdError> {
    let n = s.chars().count();
    if n != 12 {
        return Err(IdError::Length(n));
    }
    let mut d = [0u8; 12];
    for (i, c) in s.chars().enumerate() {
        d[i] = c.to_digit(10).ok_or(IdError::NotDigits)? as u8;
    }
    Ok(d)
}

/// The check digit that digits 1–11 call for.
fn check_digit(d: &[u8; 12]) -> Result<u8, IdError> {
    let sum = |weights: [u32; 11]| -> u32 {
        weights
            .iter()
            .zip(d.iter())
            .map(|(w, &x)| w * x as u32)
            .sum::<u32>()
            % 11
    };
    let first = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    if first != 10 {
        return Ok(first as u8);
    }
    let second = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    if second == 10 {
        return Err(IdError::NeverIssued);
    }
    Ok(second as u8)
}

/// Checks the check digit only: valid for both ИИН and БИН.
pub fn check_bin(s: &str) -> Result<(), IdError> {
    let d = digits(s)?;
    if check_digit(&d)? != d[11] {
        return Err(IdError::CheckDigit);
    }
    Ok(())
}

/// Checks an individual's ИИН: birth date, century digit and check digit.
pub fn check_iin(s: &str) -> Result<(), IdError> {
    let d = digits(s)?;
    let century = match d[6] {
        1 | 2 => 1800,
        3 | 4 => 1900,
        5 | 6 => 2000,
        _ => return Err(IdError::Century),
    };
    let yy = (d[0] * 10 + d[1]) as i32;
    let mm = (d[2] * 10 + d[3]) as u32;
    let dd = (d[4] * 10 + d[5]) as u32;
    if NaiveDate::from_ymd_opt(century + yy, mm, dd).is_none() {
        return Err(IdError::BirthDate);
    }
    if check_digit(&d)? != d[11] {
        return Err(IdError::CheckDigit);
    }
    Ok(())
}

/// The birth date an ИИН encodes, if it is valid.
pub fn birth_date(iin: &str) -> Option<NaiveDate> {
    check_iin(iin).ok()?;
    let d = digits(iin).ok()?;
    let century = match d[6] {
        1 | 2 => 1800,
        3 | 4 => 1900,
        _ => 2000,
    };
    NaiveDate::from_ymd_opt(
        century + (d[0] * 10 + d[1]) as i32,
        (d[2] * 10 + d[3]) as u32,
        (d[4] * 10 + d[5]) as u32,
    )
}

/// Makes a valid ИИН from a birth date, the sex digit and a serial: for demo data and tests.
pub fn make_iin(birth: NaiveDate, female: bool, serial: u32) -> String {
    use chrono::Datelike;
    let century_digit = match birth.year() {
        ..=1899 => 1,
        1900..=1999 => 3,
        _ => 5,
    } + u8::from(female);
    let mut serial = serial;
    loop {
        let s = format!(
            "{:02}{:02}{:02}{}{:04}",
            birth.year() % 100,
            birth.month(),
            birth.day(),
            century_digit,
            serial % 10_000
        );
        let d = digits(&format!("{s}0")).expect("12 digits");
        if let Ok(c) = check_digit(&d) {
            return format!("{s}{c}");
        }
        serial += 1;
    }
}

/// Makes a valid БИН from an 11-digit stem number, for demo data and tests.
pub fn make_bin(stem: u64) -> String {
    let mut stem = stem;
    loop {
        let s = format!("{:011}", stem % 100_000_000_000);
        let d = digits(&format!("{s}0")).expect("12 digits");
        if let Ok(c) = check_digit(&d) {
            return format!("{s}{c}");
        }
        stem += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_from_the_domain_notes_is_valid() {
        assert_eq!(check_iin("061211600012"), Ok(()));
        assert_eq!(
            birth_date("061211600012"),
            NaiveDate::from_ymd_opt(2006, 12, 11)
        );
    }

    #[test]
    fn wrong_numbers_say_why() {
        assert_eq!(check_iin("06121160001"), Err(IdError::Length(11)));
        assert_eq!(check_iin("06121160001a"), Err(IdError::NotDigits));
        assert_eq!(check_iin("061211600013"), Err(IdError::CheckDigit));
        assert_eq!(check_iin("061311600012"), Err(IdError::BirthDate));
        assert_eq!(check_iin("061211900012"), Err(IdError::Century));
        assert_eq!(check_iin("061211６00012"), Err(IdError::NotDigits));
    }

    /// A number with these first seven digits (date and century) and a correct check digit.
    fn signed(yymmdd: &str, century: u8) -> String {
        (0..100u32)
            .find_map(|serial| {
                let s = format!("{yymmdd}{century}{serial:04}");
                let d = digits(&format!("{s}0")).ok()?;
                check_digit(&d).ok().map(|c| format!("{s}{c}"))
            })
            .expect("a serial with a check digit")
    }

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn leap_days_follow_the_century() {
        // 29 February of leap years: 1996, 2004, 2000 (divisible by 400) and 1896.
        for (yymmdd, century, born) in [
            ("960229", 3, date(1996, 2, 29)),
            ("960229", 4, date(1996, 2, 29)),
            ("840229", 3, date(1984, 2, 29)),
            ("040229", 5, date(2004, 2, 29)),
            ("000229", 6, date(2000, 2, 29)),
            ("960229", 1, date(1896, 2, 29)),
            ("880229", 2, date(1888, 2, 29)),
        ] {
            let iin = signed(yymmdd, century);
            assert_eq!(check_iin(&iin), Ok(()), "{iin}");
            assert_eq!(birth_date(&iin), born, "{iin}");
        }
        // 29 February of years that are not leap: 1900 (a century), 1997, 2001, 1800.
        for (yymmdd, century) in [
            ("000229", 3),
            ("970229", 4),
            ("010229", 5),
            ("000229", 1),
            ("230229", 6),
        ] {
            let iin = signed(yymmdd, century);
            assert_eq!(check_iin(&iin), Err(IdError::BirthDate), "{iin}");
            assert_eq!(birth_date(&iin), None, "{iin}");
        }
        // 28 February is always a date, 30 February never.
        assert_eq!(check_iin(&signed("000228", 3)), Ok(()));
        assert_eq!(check_iin(&signed("960230", 3)), Err(IdError::BirthDate));
    }

    #[test]
    fn day_and_month_edges() {
        for ok in ["960101", "960131", "960430", "961231", "961201", "050615"] {
            let iin = signed(ok, 3);
            assert_eq!(check_iin(&iin), Ok(()), "{iin}");
        }
        for bad in [
            "960100", "960132", "960431", "960001", "961301", "960139", "969901", "961100",
        ] {
            let iin = signed(bad, 3);
            assert_eq!(check_iin(&iin), Err(IdError::BirthDate), "{iin}");
            assert_eq!(birth_date(&iin), None, "{iin}");
        }
        // The date read back digit by digit.
        assert_eq!(birth_date(&signed("871031", 4)), date(1987, 10, 31));
        assert_eq!(birth_date(&signed("190119", 5)), date(2019, 1, 19));
        assert_eq!(birth_date(&signed("991130", 3)), date(1999, 11, 30));
    }

    #[test]
    fn century_digits() {
        for (century, year) in [
            (1, 1856),
            (2, 1856),
            (3, 1956),
            (4, 1956),
            (5, 2056),
            (6, 2056),
        ] {
            let iin = signed("560704", century);
            assert_eq!(check_iin(&iin), Ok(()), "{iin}");
            assert_eq!(birth_date(&iin), date(year, 7, 4), "{iin}");
        }
        for century in [0, 7, 8, 9] {
            let iin = signed("560704", century);
            assert_eq!(check_iin(&iin), Err(IdError::Century), "{iin}");
            assert_eq!(birth_date(&iin), None, "{iin}");
        }
        // Made numbers carry the century and sex digits.
        assert_eq!(&make_iin(date(1856, 7, 4).unwrap(), false, 1)[6..7], "1");
        assert_eq!(&make_iin(date(1856, 7, 4).unwrap(), true, 1)[6..7], "2");
        assert_eq!(&make_iin(date(1999, 12, 31).unwrap(), false, 1)[6..7], "3");
        assert_eq!(&make_iin(date(1900, 1, 1).unwrap(), true, 1)[6..7], "4");
        assert_eq!(&make_iin(date(2000, 1, 1).unwrap(), false, 1)[6..7], "5");
        assert_eq!(
            &make_iin(date(1899, 12, 31).unwrap(), true, 1)[..7],
            "9912312"
        );
        for b in [date(1856, 7, 4), date(1899, 12, 31), date(1900, 1, 1)] {
            assert_eq!(birth_date(&make_iin(b.unwrap(), true, 42)), b);
        }
    }

    #[test]
    fn a_bin_is_checked_by_its_check_digit_alone() {
        let bin = make_bin(4_012_345_678);
        assert_eq!(check_bin(&bin), Ok(()));
        let last = bin.as_bytes()[11] - b'0';
        let wrong = format!("{}{}", &bin[..11], (last + 1) % 10);
        assert_eq!(check_bin(&wrong), Err(IdError::CheckDigit));
        assert_eq!(check_bin(&bin[..11]), Err(IdError::Length(11)));
        assert_eq!(check_bin(&format!("{bin}0")), Err(IdError::Length(13)));
        assert_eq!(check_bin("99034000123x"), Err(IdError::NotDigits));
        // A БИН's first digits are no birth date: day 40 is fine.
        let stem = "99044030012";
        let d = digits(&format!("{stem}0")).unwrap();
        let bin = format!("{stem}{}", check_digit(&d).unwrap());
        assert_eq!(check_bin(&bin), Ok(()));
        assert_eq!(check_iin(&bin), Err(IdError::BirthDate));
        // The example ИИН is also a valid БИН; one digit changed is not.
        assert_eq!(check_bin("061211600012"), Ok(()));
        assert_eq!(check_bin("061211600013"), Err(IdError::CheckDigit));
        assert_eq!(check_bin("061211600022"), Err(IdError::CheckDigit));
    }

    #[test]
    fn check_digit_weights() {
        // 061211600012: 0·1+6·2+1·3+2·4+1·5+1·6+6·7+0·8+0·9+0·10+1·11 = 87, 87 mod 11 = 10, so
        // the second weights decide: 0·3+6·4+1·5+2·6+1·7+1·8+6·9+0+0+0+1·2 = 112, mod 11 = 2.
        assert_eq!(check_digit(&digits("061211600010").unwrap()), Ok(2));
        // 85010130012…: 8+10+0+4+0+6+21+0+0+10+22 = 81, mod 11 = 4: the first weights decide.
        assert_eq!(check_digit(&digits("850101300120").unwrap()), Ok(4));
        assert_eq!(check_iin("850101300124"), Ok(()));
        let first = |d: &[u8; 12]| -> u32 {
            (1..=11u32)
                .zip(d.iter())
                .map(|(w, &x)| w * x as u32)
                .sum::<u32>()
                % 11
        };
        for stem in 0..300u64 {
            let s = format!("{:011}", 12_345_678 + stem * 7919);
            let d = digits(&format!("{s}0")).unwrap();
            let f = first(&d);
            match check_digit(&d) {
                Ok(c) if f != 10 => assert_eq!(u32::from(c), f, "{s}"),
                Ok(c) => assert!(c < 10, "{s}"),
                Err(e) => assert_eq!((f, e), (10, IdError::NeverIssued), "{s}"),
            }
        }
    }

    #[test]
    fn each_error_has_its_message() {
        let key = |e: IdError| e.text("123").key;
        assert_eq!(key(IdError::Length(3)), "err.iin.length");
        assert_eq!(key(IdError::NotDigits), "err.iin.digits");
        assert_eq!(key(IdError::BirthDate), "err.iin.birth_date");
        assert_eq!(key(IdError::Century), "err.iin.century");
        assert_eq!(key(IdError::CheckDigit), "err.iin.check_digit");
        assert_eq!(key(IdError::NeverIssued), "err.iin.never_issued");
    }

    #[test]
    fn second_weights_are_used_when_the_first_sum_is_ten() {
        // Search a stem whose first sum is 10, then check the second weighting decides.
        let mut found = 0;
        for serial in 0..2000u32 {
            let s = format!("850101300{serial:03}0");
            let d = digits(&s[..12]).unwrap();
            let first: u32 = (1..=11u32)
                .zip(d.iter())
                .map(|(w, &x)| w * x as u32)
                .sum::<u32>()
                % 11;
            if first == 10 {
                if let Ok(c) = check_digit(&d) {
                    let valid = format!("{}{c}", &s[..11]);
                    assert_eq!(check_iin(&valid), Ok(()));
                    found += 1;
                } else {
                    let never = format!("{}0", &s[..11]);
                    assert_eq!(check_iin(&never), Err(IdError::NeverIssued));
                }
            }
        }
        assert!(found > 0);
    }

    #[test]
    fn generated_numbers_are_valid() {
        for i in 0..500 {
            let b =
                NaiveDate::from_ymd_opt(1950 + i % 60, 1 + (i as u32 % 12), 1 + (i as u32 % 28))
                    .unwrap();
            let iin = make_iin(b, i % 2 == 0, i as u32 * 7);
            assert_eq!(check_iin(&iin), Ok(()), "{iin}");
            assert_eq!(birth_date(&iin), Some(b));
            assert_eq!(check_bin(&make_bin(100_000_000 + i as u64 * 13)), Ok(()));
        }
    }
}
