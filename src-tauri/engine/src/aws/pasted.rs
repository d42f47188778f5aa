//! Temporary credentials pasted from the AWS access portal's "Access keys" dialog, in any of
//! the forms it offers: `export AWS_…=` lines (macOS and Linux), `SET AWS_…=` lines (Windows
//! command prompt), `$Env:AWS_…=` lines (PowerShell), or the `[profile]` block for the
//! credentials file. They live in memory only: nothing here writes or logs them, and the
//! `Credentials` they become redact the secret and token in `Debug`.

use aws_credential_types::Credentials;

use crate::failure::{ErrorCode, Explain, Failure};

/// The name the session, the journal and the window use for pasted credentials, in place of a
/// profile name. It cannot be a profile's name: those have no spaces.
pub const PASTED_LABEL: &str = "pasted credentials";

const PORTAL_HINT: &str = "In the AWS access portal, open the account's \"Access keys\" and copy one of the \
                           options whole (the three lines or the credentials-file block), then paste it here.";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasteError {
    #[error("Nothing was pasted.")]
    Empty,
    #[error("The pasted text has no {0}.")]
    Missing(&'static str),
    #[error("The pasted text sets {0} twice, to different values.")]
    Conflicting(&'static str),
    /// IAM's access key IDs are 16 to 128 letters, digits or underscores.
    #[error("The pasted access key ID is not one AWS issues.")]
    NotAnAccessKeyId,
}

impl Explain for PasteError {
    fn failure(&self) -> Failure {
        let hint = match self {
            PasteError::Conflicting(_) => format!("Paste the credentials of one account and role only. {PORTAL_HINT}"),
            _ => PORTAL_HINT.to_owned(),
        };
        Failure::new(ErrorCode::InvalidInput, self.to_string()).with_hint(hint)
    }
}

/// The three values AWS's forms name, under each of the names they use.
#[derive(Clone, Copy)]
enum Field {
    KeyId,
    Secret,
    Token,
}

impl Field {
    fn of(name: &str) -> Option<Self> {
        match name.to_ascii_uppercase().as_str() {
            "AWS_ACCESS_KEY_ID" => Some(Field::KeyId),
            "AWS_SECRET_ACCESS_KEY" => Some(Field::Secret),
            // AWS_SECURITY_TOKEN is the older name some tools still print.
            "AWS_SESSION_TOKEN" | "AWS_SECURITY_TOKEN" => Some(Field::Token),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Field::KeyId => "AWS_ACCESS_KEY_ID",
            Field::Secret => "AWS_SECRET_ACCESS_KEY",
            Field::Token => "AWS_SESSION_TOKEN",
        }
    }
}

/// `name=value` out of one line of any of the portal's forms; `None` for anything else
/// (section headers, comments, the dialog's own headings when copied along).
fn assignment(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    let line = strip_prefix_ignore_case(line, "export ")
        .or_else(|| strip_prefix_ignore_case(line, "set "))
        .or_else(|| strip_prefix_ignore_case(line, "$env:"))
        .unwrap_or(line);
    let (name, value) = line.split_once('=')?;
    let name = name.trim();
    let value = value.trim().trim_end_matches(';').trim();
    let value = unquote(value);
    Some((name, value))
}

fn strip_prefix_ignore_case<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    let head = line.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| line[prefix.len()..].trim_start())
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote).and_then(|v| v.strip_suffix(quote)) {
            return inner;
        }
    }
    value
}

/// IAM's `AccessKeyId`: 16 to 128 characters matching `[\w]+`.
fn is_access_key_id(id: &str) -> bool {
    (16..=128).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Reads pasted credentials. A session token is optional (long-term keys have none), but
/// what is there must be whole and agree with itself.
pub fn parse_pasted(text: &str) -> Result<Credentials, PasteError> {
    if text.trim().is_empty() {
        return Err(PasteError::Empty);
    }
    let mut values: [Option<&str>; 3] = [None, None, None];
    for (name, value) in text.lines().filter_map(assignment) {
        let Some(field) = Field::of(name) else { continue };
        let slot = &mut values[field as usize];
        match slot {
            Some(seen) if *seen != value => return Err(PasteError::Conflicting(field.name())),
            _ => *slot = Some(value),
        }
    }
    let [key_id, secret, token] = values;
    let required = |field: Field, value: Option<&str>| -> Result<String, PasteError> {
        value.filter(|v| !v.is_empty()).map(str::to_owned).ok_or(PasteError::Missing(field.name()))
    };
    let key_id = required(Field::KeyId, key_id)?;
    let secret = required(Field::Secret, secret)?;
    if !is_access_key_id(&key_id) {
        return Err(PasteError::NotAnAccessKeyId);
    }
    let token = token.filter(|t| !t.is_empty()).map(str::to_owned);
    Ok(Credentials::new(key_id, secret, token, None, "pasted"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "ASIAIOSFODNN7EXAMPLE";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const TOKEN: &str = "IQoJb3JpZ2luX2VjEXAMPLE+/=";

    fn assert_whole(creds: &Credentials) {
        assert_eq!(creds.access_key_id(), KEY);
        assert_eq!(creds.secret_access_key(), SECRET);
        assert_eq!(creds.session_token(), Some(TOKEN));
    }

    #[test]
    fn each_form_the_access_portal_offers_is_read() {
        let forms = [
            // macOS and Linux.
            format!("export AWS_ACCESS_KEY_ID=\"{KEY}\"\nexport AWS_SECRET_ACCESS_KEY=\"{SECRET}\"\nexport AWS_SESSION_TOKEN=\"{TOKEN}\"\n"),
            // Windows command prompt.
            format!("SET AWS_ACCESS_KEY_ID={KEY}\r\nSET AWS_SECRET_ACCESS_KEY={SECRET}\r\nSET AWS_SESSION_TOKEN={TOKEN}\r\n"),
            // PowerShell.
            format!("$Env:AWS_ACCESS_KEY_ID=\"{KEY}\"\n$Env:AWS_SECRET_ACCESS_KEY=\"{SECRET}\"\n$Env:AWS_SESSION_TOKEN=\"{TOKEN}\""),
            // The credentials-file block, with the dialog's heading copied along.
            format!("Option 2: Add a profile to your AWS credentials file\n[123456789012_AdministratorAccess]\naws_access_key_id={KEY}\naws_secret_access_key = {SECRET}\naws_session_token={TOKEN}\n"),
        ];
        for form in forms {
            assert_whole(&parse_pasted(&form).unwrap_or_else(|e| panic!("{e}: {form}")));
        }
    }

    #[test]
    fn long_term_keys_have_no_token() {
        let creds =
            parse_pasted(&format!("aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = {SECRET}"))
                .unwrap();
        assert_eq!(creds.session_token(), None);
    }

    #[test]
    fn what_is_missing_or_contradicts_itself_is_named() {
        assert_eq!(parse_pasted("  \n").unwrap_err(), PasteError::Empty);
        assert_eq!(
            parse_pasted(&format!("export AWS_ACCESS_KEY_ID={KEY}")).unwrap_err(),
            PasteError::Missing("AWS_SECRET_ACCESS_KEY")
        );
        assert_eq!(
            parse_pasted(&format!("export AWS_SECRET_ACCESS_KEY={SECRET}")).unwrap_err(),
            PasteError::Missing("AWS_ACCESS_KEY_ID")
        );
        let two_roles = format!(
            "aws_access_key_id={KEY}\naws_secret_access_key={SECRET}\n[other]\naws_access_key_id=ASIAOTHEROTHEROTHER1\n"
        );
        assert_eq!(parse_pasted(&two_roles).unwrap_err(), PasteError::Conflicting("AWS_ACCESS_KEY_ID"));
        assert_eq!(
            parse_pasted(&format!("export AWS_ACCESS_KEY_ID=my key\nexport AWS_SECRET_ACCESS_KEY={SECRET}"))
                .unwrap_err(),
            PasteError::NotAnAccessKeyId
        );
    }

    #[test]
    fn the_same_value_twice_is_not_a_conflict() {
        let twice = format!("export AWS_ACCESS_KEY_ID={KEY}\n$Env:AWS_ACCESS_KEY_ID=\"{KEY}\"\nexport AWS_SECRET_ACCESS_KEY={SECRET}\nexport AWS_SESSION_TOKEN={TOKEN}");
        assert_whole(&parse_pasted(&twice).unwrap());
    }

    #[test]
    fn neither_debug_nor_the_errors_show_the_secret_or_token() {
        let creds = parse_pasted(&format!(
            "export AWS_ACCESS_KEY_ID={KEY}\nexport AWS_SECRET_ACCESS_KEY={SECRET}\nexport AWS_SESSION_TOKEN={TOKEN}"
        ))
        .unwrap();
        let shown = format!("{creds:?}");
        assert!(!shown.contains(SECRET) && !shown.contains(TOKEN), "{shown}");
        let refused = parse_pasted(&format!("export AWS_SECRET_ACCESS_KEY={SECRET}")).unwrap_err().failure();
        assert!(!format!("{refused:?}").contains(SECRET));
    }
}
