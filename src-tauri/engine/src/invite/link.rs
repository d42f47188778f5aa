//! Install links, `private-deploy://install?invite=<base64url JSON>`: how a vendor's invite
//! reaches the app from a browser or a mail. The link's format is checked strictly before the
//! invite inside it is read like a file.

use base64::alphabet::URL_SAFE;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use url::Url;

use super::error::InviteError;
use super::model::Invite;
use super::validate::{parse_invite_bytes, MAX_INVITE_BYTES};

pub const LINK_SCHEME: &str = "private-deploy";
const LINK_HOST: &str = "install";
const INVITE_PARAM: &str = "invite";
const LINK_PREFIX: &str = "private-deploy://install?invite=";

/// Base64 of the largest invite, with room for the rest of the link and percent-encoded
/// padding; a longer link is refused before it is parsed.
const MAX_ENCODED: usize = MAX_INVITE_BYTES.div_ceil(3) * 4;
const MAX_LINK_CHARS: usize = MAX_ENCODED + 256;

/// The URL-safe alphabet; links are written without padding, but some tools add it.
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The invite carried by an install link.
pub fn parse_link(link: &str) -> Result<Invite, InviteError> {
    let link = link.trim();
    if link.len() > MAX_LINK_CHARS {
        return Err(too_big());
    }
    let url = Url::parse(link).map_err(|err| bad(format!("it is not a URL ({err})")))?;
    if url.scheme() != LINK_SCHEME {
        return Err(bad(format!("it must start with {LINK_SCHEME}://{LINK_HOST}? (found {}:)", url.scheme())));
    }
    let host_and_path = (url.host_str(), url.path());
    if !matches!(host_and_path, (Some(LINK_HOST), "" | "/") | (None, LINK_HOST)) {
        return Err(bad(format!(
            "it must be {LINK_SCHEME}://{LINK_HOST}?{INVITE_PARAM}=… (found {}{})",
            url.host_str().unwrap_or(""),
            url.path()
        )));
    }
    if !url.username().is_empty() || url.password().is_some() || url.port().is_some() {
        return Err(bad("it must not carry a user name, password or port".to_owned()));
    }
    if url.fragment().is_some() {
        return Err(bad("it must not end with a #fragment".to_owned()));
    }
    let encoded = invite_param(&url)?;
    if encoded.len() > MAX_ENCODED {
        return Err(too_big());
    }
    let bytes = BASE64URL
        .decode(encoded.as_bytes())
        .map_err(|err| bad(format!("its {INVITE_PARAM} parameter is not base64url ({err})")))?;
    if bytes.len() > MAX_INVITE_BYTES {
        return Err(too_big());
    }
    parse_invite_bytes(&bytes)
}

/// The install link of `invite`, signature included.
pub fn to_link(invite: &Invite) -> String {
    // Serializing plain structs, strings and integers cannot fail.
    let json = serde_json::to_string(invite).expect("an invite serializes to JSON");
    format!("{LINK_PREFIX}{}", URL_SAFE_NO_PAD.encode(json))
}

fn invite_param(url: &Url) -> Result<String, InviteError> {
    let params: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    match params.as_slice() {
        [(name, value)] if name == INVITE_PARAM => {
            if value.is_empty() {
                Err(bad(format!("its {INVITE_PARAM} parameter is empty")))
            } else {
                Ok(value.clone())
            }
        }
        [] => Err(bad(format!("it has no {INVITE_PARAM} parameter (?{INVITE_PARAM}=…)"))),
        _ => {
            let names = params.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>().join(", ");
            Err(bad(format!("it must have exactly one parameter, {INVITE_PARAM} (found: {names})")))
        }
    }
}

fn bad(problem: String) -> InviteError {
    InviteError::Link { problem }
}

fn too_big() -> InviteError {
    bad(format!("the invite in it is larger than {} KiB", MAX_INVITE_BYTES / 1024))
}
