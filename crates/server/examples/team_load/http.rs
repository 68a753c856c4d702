//! A small blocking HTTP/1.1 client for the JSON API on loopback: one
//! keep-alive connection per simulated coder, a timeout on every request,
//! and bounded reads of the reply (head and body), so a misbehaving server
//! ends a run with an error rather than hanging or exhausting memory.
//!
//! A request is never sent twice: a change whose reply was lost would
//! otherwise be applied twice, and the load check could not tell.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// Most bytes of a reply's status line and headers.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;

/// Most bytes of a reply's body.
pub const MAX_BODY_BYTES: usize = 64 << 20;

/// Most header lines of a reply.
const MAX_HEADERS: usize = 100;

/// One reply: status, headers (names in lower case) and body.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The HTTP status code.
    pub status: u16,
    /// Header names (lower case) and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as JSON (`null` when it is not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The first value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Whether the server will close the connection after this reply.
    fn closes(&self) -> bool {
        self.header("connection").is_some_and(|v| v.eq_ignore_ascii_case("close"))
    }
}

/// A keep-alive connection to one server, with headers sent on every request.
#[derive(Debug)]
pub struct Client {
    addr: SocketAddr,
    timeout: Duration,
    headers: Vec<(String, String)>,
    conn: Option<BufReader<TcpStream>>,
}

impl Client {
    /// A client of the server at `addr` (loopback); no connection yet.
    pub fn new(addr: SocketAddr, timeout: Duration) -> Client {
        Client { addr, timeout, headers: Vec::new(), conn: None }
    }

    /// Sends `name: value` with every later request (replacing an earlier value).
    pub fn set_header(&mut self, name: &str, value: &str) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name.to_string(), value.to_string()));
    }

    /// Sends one request with an optional JSON body and reads its reply.
    /// On any error the connection is dropped (the next request opens a
    /// new one) and the request is not retried.
    pub fn request(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<Reply, String> {
        let result = self.exchange(method, path, body);
        match &result {
            Ok(reply) if !reply.closes() => {}
            _ => self.conn = None,
        }
        result
    }

    fn exchange(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<Reply, String> {
        if self.conn.is_none() {
            let stream = TcpStream::connect_timeout(&self.addr, self.timeout)
                .map_err(|e| format!("cannot connect to {}: {e}", self.addr))?;
            stream.set_read_timeout(Some(self.timeout)).map_err(|e| e.to_string())?;
            stream.set_write_timeout(Some(self.timeout)).map_err(|e| e.to_string())?;
            stream.set_nodelay(true).map_err(|e| e.to_string())?;
            self.conn = Some(BufReader::new(stream));
        }
        let Some(conn) = self.conn.as_mut() else {
            return Err("no connection".into());
        };
        let payload = match body {
            Some(v) => serde_json::to_vec(v).map_err(|e| e.to_string())?,
            None => Vec::new(),
        };
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\n", self.addr);
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if body.is_some() {
            head.push_str("Content-Type: application/json\r\n");
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", payload.len()));
        let stream = conn.get_mut();
        stream.write_all(head.as_bytes()).map_err(|e| format!("{method} {path}: cannot send: {e}"))?;
        stream.write_all(&payload).map_err(|e| format!("{method} {path}: cannot send: {e}"))?;
        read_reply(conn).map_err(|e| format!("{method} {path}: {e}"))
    }
}

/// Reads one reply (a `Content-Length` body; chunked bodies are refused)
/// within [`MAX_HEAD_BYTES`] and [`MAX_BODY_BYTES`].
pub fn read_reply(reader: &mut impl BufRead) -> Result<Reply, String> {
    let mut head_bytes = 0usize;
    let mut next_line = |reader: &mut dyn BufRead| -> Result<String, String> {
        let mut line = Vec::new();
        let budget = (MAX_HEAD_BYTES - head_bytes) as u64;
        let n = reader
            .take(budget)
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("reading the reply: {e}"))?;
        head_bytes += n;
        if n == 0 {
            return Err("the connection closed before the reply ended".into());
        }
        if line.last() != Some(&b'\n') {
            return Err(format!("the reply's head is over {MAX_HEAD_BYTES} bytes or cut short"));
        }
        String::from_utf8(line)
            .map(|l| l.trim_end_matches(['\r', '\n']).to_string())
            .map_err(|_| "the reply's head is not UTF-8".to_string())
    };
    let status_line = next_line(reader)?;
    let mut parts = status_line.splitn(3, ' ');
    let (version, code) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    if !version.starts_with("HTTP/1.") {
        return Err(format!("not an HTTP/1 reply: {:?}", shorten(&status_line)));
    }
    let status = code
        .parse::<u16>()
        .ok()
        .filter(|c| (100..600).contains(c))
        .ok_or_else(|| format!("bad status line {:?}", shorten(&status_line)))?;
    let mut headers = Vec::new();
    loop {
        let line = next_line(reader)?;
        if line.is_empty() {
            break;
        }
        if headers.len() == MAX_HEADERS {
            return Err(format!("the reply has over {MAX_HEADERS} headers"));
        }
        let (name, value) =
            line.split_once(':').ok_or_else(|| format!("bad header line {:?}", shorten(&line)))?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let mut reply = Reply { status, headers, body: Vec::new() };
    if reply.header("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked")) {
        return Err("the reply is chunked; this client reads Content-Length bodies only".into());
    }
    let length = match reply.header("content-length") {
        Some(v) => v.parse::<usize>().map_err(|_| format!("bad Content-Length {:?}", shorten(v)))?,
        None if status == 204 || status == 304 || status < 200 => 0,
        None => return Err("the reply has no Content-Length".into()),
    };
    if length > MAX_BODY_BYTES {
        return Err(format!("the reply's body has {length} bytes, over {MAX_BODY_BYTES}"));
    }
    reply.body = vec![0; length];
    reader.read_exact(&mut reply.body).map_err(|e| format!("reading the reply's body: {e}"))?;
    Ok(reply)
}

fn shorten(s: &str) -> String {
    s.chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_with_a_json_body_is_read_and_the_next_one_after_it() {
        let bytes = b"HTTP/1.1 409 Conflict\r\ncontent-type: application/json\r\ncontent-length: 16\r\n\r\n{\"changed_by\":1}HTTP/1.1 204 No Content\r\n\r\n";
        let mut reader = BufReader::new(&bytes[..]);
        let first = read_reply(&mut reader).unwrap();
        assert_eq!((first.status, first.json()["changed_by"].as_i64()), (409, Some(1)));
        let second = read_reply(&mut reader).unwrap();
        assert_eq!((second.status, second.body.len()), (204, 0));
    }

    #[test]
    fn an_oversized_or_chunked_reply_is_refused_not_read() {
        let big = format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n", MAX_BODY_BYTES + 1);
        assert!(read_reply(&mut BufReader::new(big.as_bytes())).unwrap_err().contains("over"));
        let chunked = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
        assert!(read_reply(&mut BufReader::new(&chunked[..])).unwrap_err().contains("chunked"));
        let endless = format!("HTTP/1.1 200 OK\r\nx: {}", "a".repeat(MAX_HEAD_BYTES));
        assert!(read_reply(&mut BufReader::new(endless.as_bytes())).is_err());
    }

    proptest::proptest! {
        /// Whatever bytes come back, the reader answers, within its limits.
        #[test]
        fn garbage_replies_are_refused_or_read_within_limits(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..600), prefix in proptest::bool::ANY) {
            let mut input = if prefix { b"HTTP/1.1 200 OK\r\n".to_vec() } else { Vec::new() };
            input.extend(bytes);
            if let Ok(reply) = read_reply(&mut BufReader::new(&input[..])) {
                proptest::prop_assert!(reply.body.len() <= input.len());
                proptest::prop_assert!((100..600).contains(&reply.status));
            }
        }
    }
}
