//! CSV as Excel and LibreOffice save it: UTF-8 with or without a BOM, or Windows-1251 (what
//! Excel writes on a Russian Windows); `;` (Excel's separator where the decimal mark is a
//! comma) or `,`; fields in double quotes may hold separators, quotes ("") and line breaks.

/// The text of a CSV file: UTF-8 when it is valid UTF-8, else Windows-1251.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1251
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// The separator of the first line's fields: the one that appears more often outside quotes.
fn separator(text: &str) -> char {
    let (mut semi, mut comma, mut quoted) = (0, 0, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ';' if !quoted => semi += 1,
            ',' if !quoted => comma += 1,
            _ => {}
        }
    }
    if semi >= comma && semi > 0 { ';' } else { ',' }
}

/// Splits CSV text into rows of fields.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let sep = separator(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => quoted = true,
            c if c == sep && !quoted => row.push(std::mem::take(&mut field)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_csv_in_both_encodings_and_separators() {
        let text = "ФИО;Содержание\r\n\"Иванов; И.\";\"Сказал \"\"да\"\"\nи ушёл\"\r\n";
        let rows = parse(text);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1], ["Иванов; И.", "Сказал \"да\"\nи ушёл"]);
        assert_eq!(parse("a,b\n1,2")[1], ["1", "2"]);
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("ФИО;Тема");
        assert_eq!(decode(&cp1251), "ФИО;Тема");
        assert_eq!(decode("\u{feff}ФИО".as_bytes()), "ФИО");
    }
}
