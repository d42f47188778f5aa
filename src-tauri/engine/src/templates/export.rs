//! Ways to create the access stack without the app: the `aws cloudformation create-stack`
//! command and the console's quick-create link, as the Review access screen exports them.

use crate::aws::partition;

/// The file name under which the app exports `access.yaml`; [`create_stack_command`] reads
/// the template from it (`file://` is relative to the shell's working directory).
pub const ACCESS_TEMPLATE_FILE_NAME: &str = "private-deploy-access.yaml";

/// A copy-pasteable `aws cloudformation create-stack` command for the access stack, for a
/// POSIX shell (bash, zsh, sh), split over lines with `\`. It expects the template saved as
/// [`ACCESS_TEMPLATE_FILE_NAME`] in the working directory.
///
/// Every argument that a shell would change is single-quoted (a `'` inside it written `'\''`),
/// and each parameter value is written in the AWS CLI's shorthand syntax so that the CLI reads
/// it back unchanged: a value with a comma, a space or a quote is double-quoted inside the
/// shorthand (`ParameterValue="a,b"`), as the CLI would otherwise split it into a list.
pub fn create_stack_command(stack_name: &str, region: &str, params: &[(String, String)]) -> String {
    let mut lines = vec![
        "aws cloudformation create-stack".to_owned(),
        format!("  --stack-name {}", shell_quote(stack_name)),
        format!("  --region {}", shell_quote(region)),
        format!("  --template-body {}", shell_quote(&format!("file://{ACCESS_TEMPLATE_FILE_NAME}"))),
        "  --capabilities CAPABILITY_NAMED_IAM".to_owned(),
    ];
    if !params.is_empty() {
        lines.push("  --parameters".to_owned());
        for (key, value) in params {
            let shorthand = format!("ParameterKey={},ParameterValue={}", shorthand_value(key), shorthand_value(value));
            lines.push(format!("    {}", shell_quote(&shorthand)));
        }
    }
    lines.join(" \\\n")
}

/// The AWS console's quick-create link for the access stack: it opens CloudFormation in
/// `region` with the template, the stack name and every parameter filled in, for the admin to
/// review and create.
///
/// The console loads the template from a URL, so the template has to be hosted first (an S3
/// URL, which is what the console accepts): pass that URL as `template_url`. Every value is
/// percent-encoded.
pub fn quick_create_url(region: &str, stack_name: &str, template_url: &str, params: &[(String, String)]) -> String {
    // A partition with no public console still gets the commercial form (the admin's own to fix).
    let host =
        partition::console_host(region).unwrap_or_else(|| format!("{}.console.aws.amazon.com", percent_encode(region)));
    let mut url = format!(
        "https://{host}/cloudformation/home?region={region}#/stacks/quickcreate?templateURL={template}&stackName={stack}",
        region = percent_encode(region),
        template = percent_encode(template_url),
        stack = percent_encode(stack_name),
    );
    for (key, value) in params {
        url.push_str(&format!("&param_{}={}", percent_encode(key), percent_encode(value)));
    }
    url
}

/// Quotes `word` for a POSIX shell: as it is when it holds only characters no shell treats
/// specially, else in single quotes.
pub(crate) fn shell_quote(word: &str) -> String {
    // `=` is safe except first (zsh expands `=cmd` to the path of cmd); `~` and `#` are not
    // in the set at all.
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./:@+=,%".contains(c);
    if !word.is_empty() && word.chars().all(plain) && !word.starts_with('=') {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Writes `value` for the AWS CLI's shorthand syntax (`Key=value,Key=value`): as it is when the
/// CLI reads it back unchanged, else double-quoted with `\` and `"` escaped.
pub(crate) fn shorthand_value(value: &str) -> String {
    // The characters the CLI's shorthand parser takes in an unquoted value; `=` is not allowed
    // as the first one. Anything else (a comma, a space, a quote, brackets, braces) is quoted.
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./:@+=%".contains(c);
    if !value.is_empty() && value.chars().all(plain) && !value.starts_with('=') {
        value.to_owned()
    } else {
        format!("\"{}\"", value.replace('\\', r"\\").replace('"', "\\\""))
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`).
pub(crate) fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
