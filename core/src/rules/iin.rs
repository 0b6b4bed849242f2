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
