//! HTTP/1.1 on the wire, for the loopback stand-ins of the tests (the fault proxy, the
//! Identity Center stand-in): one message read (Content-Length or chunked body) and written
//! back framed by Content-Length. Only what those servers need; not a general HTTP stack.

use std::io;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};

/// One HTTP/1.1 message: its first line, headers and (de-chunked) body.
pub struct Message {
    /// The request line or the status line.
    pub start: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Message {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The message as bytes, framed by Content-Length, with `connection` set.
    pub fn encode(&self, connection: &str) -> Vec<u8> {
        let mut out = format!("{}\r\n", self.start);
        for (k, v) in &self.headers {
            if !["connection", "content-length", "transfer-encoding", "keep-alive"]
                .contains(&k.to_ascii_lowercase().as_str())
            {
                out.push_str(&format!("{k}: {v}\r\n"));
            }
        }
        out.push_str(&format!("content-length: {}\r\nconnection: {connection}\r\n\r\n", self.body.len()));
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

/// Reads one message; `None` when the peer closed before its first byte.
pub async fn read_message<R: AsyncReadExt + Unpin>(
    reader: &mut BufReader<R>,
    request: bool,
) -> io::Result<Option<Message>> {
    let mut start = String::new();
    if reader.read_line(&mut start).await? == 0 {
        return Ok(None);
    }
    let start = start.trim_end().to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await? == 0 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "headers cut short"));
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let mut message = Message { start, headers, body: Vec::new() };
    let chunked = message.header("transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    if chunked {
        message.body = read_chunked(reader).await?;
    } else if let Some(length) = message.header("content-length") {
        let length: usize =
            length.parse().map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad content-length"))?;
        message.body = vec![0; length];
        reader.read_exact(&mut message.body).await?;
    } else if !request && !bodiless(&message.start) {
        // An answer without a length ends when the server closes.
        reader.read_to_end(&mut message.body).await?;
    }
    Ok(Some(message))
}

fn bodiless(status_line: &str) -> bool {
    let status = status_line.split_whitespace().nth(1).unwrap_or_default();
    status.starts_with('1') || status == "204" || status == "304"
}

async fn read_chunked<R: AsyncReadExt + Unpin>(reader: &mut BufReader<R>) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let mut size = String::new();
        reader.read_line(&mut size).await?;
        let size = usize::from_str_radix(size.trim().split(';').next().unwrap_or_default(), 16)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad chunk size"))?;
        if size == 0 {
            // Trailers, up to the empty line.
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).await? == 0 || line.trim_end().is_empty() {
                    return Ok(body);
                }
            }
        }
        let mut chunk = vec![0; size + 2];
        reader.read_exact(&mut chunk).await?;
        body.extend_from_slice(&chunk[..size]);
    }
}
